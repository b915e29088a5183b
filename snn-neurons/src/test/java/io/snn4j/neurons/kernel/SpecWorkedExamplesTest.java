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
import io.snn4j.neurons.MpePsnConfig;
import org.junit.jupiter.api.Test;
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

    @Test
    void lmhAtInitSection4() {
        LmhKernel k = LmhKernel.cpu();
        LmhForward f = k.forward(LmhConfig.standard(), LmhParams.init(),
                arr(new double[] {0.6, 0.8, 0.3, 1.5}, 4, 1), null, null, true);
        assertArrayEquals(new double[] {1.1, 0.9, 1.2, 1.7}, vals(f.membrane()), 1e-12);
        assertArrayEquals(new double[] {1, 0, 1, 1}, vals(f.spikes()), 0.0);
        LmhGradients g = k.backward(f.saved(), arr(ONES, 4, 1), null, null);
        assertArrayEquals(new double[] {2.9, 2.0, 1.1, 0.3}, vals(g.gradX()), 1e-12);
        assertArrayEquals(new double[] {0.5425, 0.675, 0.675, 1.03},
                new double[] {g.gradA1(), g.gradB1(), g.gradA2(), g.gradB2()}, 1e-12);
    }

    @Test
    void mpePsnSection5() {
        MpePsnKernel k = MpePsnKernel.cpu();
        INDArray coef = arr(new double[] {0.25, 0.25, 0.25, 0.25}, 4);
        MpePsnForward f = k.forward(MpePsnConfig.standard(), arr(new double[] {0.6, 0.8, 0.3, 1.5}, 4, 1),
                arr(new double[] {0, 1, 0, 1}, 4, 1), 1.0, coef, true);
        assertArrayEquals(new double[] {0.6, 0.95, 0.3, 1.575}, vals(f.membrane()), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 1}, vals(f.spikes()), 0.0);
        assertEquals(0.05640625, f.memLoss(), 1e-12);
        MpePsnGradients g = k.backward(f.saved(), arr(ONES, 4, 1), 1.0);
        assertArrayEquals(new double[] {0.840395, 0.961578, 0.40625, 0.425}, vals(g.gradX()), 1e-6);
        assertEquals(-2.167828, g.gradThreshold(), 1e-6);
        assertArrayEquals(new double[] {0, 0.225625, 0, 0}, vals(g.gradCoef()), 1e-12);
    }
}
