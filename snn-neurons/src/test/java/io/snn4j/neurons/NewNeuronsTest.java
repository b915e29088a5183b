package io.snn4j.neurons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.nn.Module;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** PLIF, Leaky and the multi-strength neuron as layers: equations by hand, parameters, state carry, factories. */
class NewNeuronsTest {

    private static Tensor column(double... x) {
        return Tensor.variable(Nd4j.create(x, new long[] {x.length, 1}, DataType.DOUBLE));
    }

    @Test
    void multiStrengthEmitsIntegerStrengthsAndSubtractsThem() {
        // τ = 0.5, no leak: h = 1.3 → θ = 2, v = 0.3; h = 0.3 + 0.4 = 0.7 → 1, v = 0.2; h = 0.2 − 0.5 → 0 (max with 0)
        NeuronLayer<MultiStrength> layer = new NeuronLayer<>(new MultiStrength(new MultiStrength.Config(0.5, 1.0, true)));
        Tensor x = column(1.3, 0.4, -0.5);
        NeuronLayer.Output o = layer.trace(x, null);
        assertArrayEquals(new double[] {1.3, 0.7, -0.3}, o.membrane().value().data().asDouble(), 1e-12);
        assertArrayEquals(new double[] {2, 1, 0}, o.spikes().value().data().asDouble(), 0.0);
        assertEquals(-0.3, o.state().value().getDouble(0), 1e-12);
        // straight-through floor with the reset detached: dθ[t]/dx[u] = 1[h[t] > 0]/τ for u ≤ t (no leak)
        o.spikes().sum().backward();
        assertArrayEquals(new double[] {4, 2, 0}, x.grad().data().asDouble(), 1e-12);
        assertEquals(3.0 / 3, layer.counter().firingRate(), 1e-12, "firing rate counts strengths");
    }

    @Test
    void plifLearnsItsTimeConstantAndStartsAtTau() {
        Plif p = new Plif(Plif.Config.standard(), DataType.DOUBLE);
        assertEquals(0.0, p.w().value().getDouble(0), 0.0, "τ = 2 ↔ w = 0");
        assertEquals(-Math.log(2.0), new Plif.Config(3.0, true, 1, ResetMode.HARD, false, p.config().surrogate()).initW(), 1e-12);
        NeuronLayer<Plif> layer = new NeuronLayer<>(p);
        assertEquals(Map.of("w", p.w()), layer.namedParameters());
        // k = 1/2, decay input: h = 0.5·v + 0.5·x
        NeuronLayer.Output o = layer.trace(column(1.0, 3.0), null);
        assertArrayEquals(new double[] {0.5, 1.75}, o.membrane().value().data().asDouble(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Plif.Config(1.0, true, 1, ResetMode.HARD, false,
                Plif.Config.standard().surrogate()), "initTau");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 1))));
        assertTrue(e.getMessage().contains("w") && e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    @Test
    void leakyBetaIsLearnableOnlyWhenAsked() {
        assertTrue(new NeuronLayer<>(new Leaky(Leaky.Config.snnTorch(0.9), DataType.FLOAT)).namedParameters().isEmpty());
        Leaky l = new Leaky(Leaky.Config.snnTorch(0.9).withLearnBeta(true), DataType.FLOAT);
        assertEquals(0.9f, l.beta().value().getFloat(0), 0f);
        assertThrows(IllegalArgumentException.class, () -> Leaky.Config.snnTorch(1.5));
    }

    @Test
    void everyDefinitionCarriesItsStateAcrossForwardsWhenAsked() {
        SplittableRandom rng = new SplittableRandom(3);
        INDArray xv = Init.uniform(DataType.FLOAT, new long[] {8, 2, 6}, -0.2, 1.5, rng);
        for (String name : Neurons.NAMES) {
            if (name.equals("mpe-psn")) {
                continue;   // parallel over a fixed T from vhat[−1] = 0: nothing to carry (MpePsnNeuron javadoc)
            }
            Module whole = Neurons.named(name, 8, DataType.FLOAT, 1).create(6);
            Module sliced = Neurons.named(name, 8, DataType.FLOAT, 1).create(6);
            INDArray expect = whole.forward(Tensor.constant(xv)).value();
            sliced.carryState(true);
            INDArray a = sliced.forward(Tensor.constant(xv.get(NDArrayIndex.interval(0, 3)).dup())).value();
            INDArray b = sliced.forward(Tensor.constant(xv.get(NDArrayIndex.interval(3, 8)).dup())).value();
            assertArrayEquals(expect.data().asFloat(), Nd4j.concat(0, a, b).data().asFloat(), 1e-6f, name);
            sliced.resetState();
            INDArray again = sliced.forward(Tensor.constant(xv.get(NDArrayIndex.interval(0, 3)).dup())).value();
            assertArrayEquals(a.data().asFloat(), again.data().asFloat(), 0f, name + " after resetState");
        }
        assertThrows(IllegalArgumentException.class, () -> Neurons.named("izhikevich", 4, DataType.FLOAT, 0));
    }
}
