package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.Leaky;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.NeuronLayer;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.V0Init;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.LmhNeuron;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.MpePsnNeuron;
import io.snn4j.core.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static io.snn4j.neurons.kernel.GradCheck.arr;
import static io.snn4j.neurons.kernel.GradCheck.vals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-checkable worked examples of docs/spec.md §2–5 (one neuron, T = 4, loss = Σ spikes). */
class SpecWorkedExamplesTest {

    private static final double[] ONES = {1, 1, 1, 1};

    /** x as a DOUBLE [T, 1] variable. */
    private static Tensor var(double... x) {
        return Tensor.variable(arr(x, x.length, 1));
    }

    @Test
    void tetLifSection2() {
        LifNeuron layer = new LifNeuron(LifConfig.tet());
        Tensor x = var(0.6, 0.8, 0.3, 1.5);
        assertArrayEquals(new double[] {0.6, 1.1, 0.3, 1.65}, vals(layer.trace(x, null).membrane().value()), 1e-12);
        Tensor s = layer.forward(x);
        assertArrayEquals(new double[] {0, 1, 0, 1}, vals(s.value()), 0.0);
        s.backward(arr(ONES, 4, 1));
        assertArrayEquals(new double[] {0.8152548, 0.67267125, 0.45925, 0.35}, vals(x.grad()), 1e-7);
    }

    @Test
    void impLearnableV0Section3() {
        LifNeuron layer = LifNeuron.withLearnableV0(LifConfig.impLegacy(), new long[] {1}, V0Init.standard(),
                DataType.DOUBLE, new SplittableRandom(0));
        layer.v0().value().assign(0.2);
        Tensor x = Tensor.variable(arr(new double[] {0.9, 0.5, 0.2, 1.2}, 4, 1, 1));
        assertArrayEquals(new double[] {0.95, 0.7375, 0.384375, 1.296094},
                vals(layer.trace(x, null).membrane().value()), 1e-6);
        Tensor s = layer.forward(x);
        assertArrayEquals(new double[] {0, 0, 0, 1}, vals(s.value()), 0.0);
        s.backward(arr(ONES, 4, 1, 1));
        assertEquals(0.242365, layer.v0().grad().getDouble(0), 1e-6);
    }

    @Test
    void leakySubtractsAfterTheDecaySection2() {
        double[] x = {1.5, 0.9, 1.2, 0.8, 1.1, 0.6};
        NeuronLayer<Leaky> leaky = new NeuronLayer<>(new Leaky(Leaky.Config.snnTorch(0.5), DataType.DOUBLE));
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, vals(leaky.forward(var(x)).value()), 0.0);
        LifNeuron soft = new LifNeuron(LifConfig.tet().toBuilder().resetMode(ResetMode.SOFT).build());
        assertArrayEquals(new double[] {1, 1, 1, 0, 1, 0}, vals(soft.forward(var(x)).value()), 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void lmhAtInitSection4(DataType dt) {
        double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-6;
        LmhNeuron layer = new LmhNeuron(LmhConfig.standard(), dt);
        Tensor x = Tensor.variable(arr(new double[] {0.6, 0.8, 0.3, 1.5}, 4, 1).castTo(dt));
        LmhNeuron.LmhOutput o = layer.trace(x, null);
        assertArrayEquals(new double[] {1.1, 0.9, 1.2, 1.7}, vals(o.membrane().value()), tol);
        assertArrayEquals(new double[] {1, 0, 1, 1}, vals(o.spikes().value()), 0.0);
        o.spikes().sum().backward();
        assertArrayEquals(new double[] {2.9, 2.0, 1.1, 0.3}, vals(x.grad()), tol);
        Map<String, Parameter> p = layer.namedParameters();
        assertArrayEquals(new double[] {0.5425, 0.675, 0.675, 1.03},
                new double[] {p.get("a1").grad().getDouble(0), p.get("b1").grad().getDouble(0),
                    p.get("a2").grad().getDouble(0), p.get("b2").grad().getDouble(0)}, tol);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void mpePsnSection5(DataType dt) {
        double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-6;
        INDArray mask = arr(new double[] {0, 1, 0, 1}, 4, 1).castTo(dt);
        MpePsnNeuron layer = new MpePsnNeuron(MpePsnConfig.standard(), 4, xs -> mask, dt);
        Tensor x = Tensor.variable(arr(new double[] {0.6, 0.8, 0.3, 1.5}, 4, 1).castTo(dt));
        MpePsnNeuron.MpePsnOutput o = layer.trace(x, mask);
        assertArrayEquals(new double[] {0.6, 0.95, 0.3, 1.575}, vals(o.membrane().value()), tol);
        assertArrayEquals(new double[] {0, 0, 0, 1}, vals(o.spikes().value()), 0.0);
        assertEquals(0.05640625, o.memLoss().item(), tol);
        o.spikes().sum().add(o.memLoss()).backward();
        assertArrayEquals(new double[] {0.840395, 0.961578, 0.40625, 0.425}, vals(x.grad()), 1e-6);
        assertEquals(-2.167828, layer.threshold().grad().getDouble(0), 1e-6);
        assertArrayEquals(new double[] {0, 0.225625, 0, 0}, vals(layer.coef().grad()), tol);
    }
}
