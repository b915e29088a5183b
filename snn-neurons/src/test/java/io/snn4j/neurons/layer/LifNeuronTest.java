package io.snn4j.neurons.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.SpikingLayer;
import io.snn4j.neurons.V0Init;
import io.snn4j.neurons.NeuronLayer;
import io.snn4j.neurons.surrogate.ArctanSurrogate;
import io.snn4j.neurons.surrogate.RectangleSurrogate;
import io.snn4j.neurons.surrogate.SigmoidSurrogate;
import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LifNeuronTest {
    static Stream<Arguments> everyCombination() {
        List<Arguments> out = new ArrayList<>();
        Surrogate[] sgs = {new TriangleSurrogate(1.0), new ArctanSurrogate(2.0), new RectangleSurrogate(1.0),
            new SigmoidSurrogate(4.0), new GaussianSurrogate(0.5), new TriangleSurrogate(0.7)};
        for (Surrogate sg : sgs) {
            for (ResetMode r : ResetMode.values()) {
                for (boolean detach : new boolean[] {false, true}) {
                    for (boolean v0 : new boolean[] {false, true}) {
                        for (boolean state : new boolean[] {false, true}) {
                            out.add(Arguments.of(sg, r, detach, v0, state));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    static LifConfig config(Surrogate sg, ResetMode r, boolean detach) {
        return LifConfig.builder().decay(0.6).gain(0.9).threshold(1.0).resetMode(r).detachReset(detach).surrogate(sg).build();
    }

    /** A surrogate written by a user: not one of the built-ins, no bulk override. */
    record GaussianSurrogate(double sigma) implements Surrogate {
        @Override
        public double grad(double x) {
            return Math.exp(-x * x / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
        }

        @Override
        public float grad(float x) {
            return (float) grad((double) x);
        }

        @Override
        public String name() {
            return "gaussian";
        }
    }

    /**
     * The fused kernel (FLOAT) against the generic path of the same {@link io.snn4j.neurons.Lif}
     * definition, for every option: surrogate (built-in and user-defined), reset, detach, learnable
     * v0, explicit initial state with the final state used downstream.
     */
    @ParameterizedTest(name = "{0} {1} detach={2} v0={3} state={4}")
    @MethodSource("everyCombination")
    void fusedKernelMatchesGenericPath(Surrogate sg, ResetMode reset, boolean detach, boolean learnV0, boolean state) {
        DataType dt = DataType.FLOAT;
        SplittableRandom rng = new SplittableRandom(11);
        LifConfig cfg = config(sg, reset, detach);
        long[] shape = {7, 3, 2, 5};
        INDArray xv = Init.uniform(dt, shape, -0.3, 1.6, rng);
        INDArray gs = Init.uniform(dt, shape, -1, 1, rng);
        INDArray v0v = Init.uniform(dt, new long[] {3, 2, 5}, -0.3, 0.8, rng);
        INDArray gvf = Init.uniform(dt, new long[] {3, 2, 5}, -1, 1, rng);
        LifNeuron layer = learnV0
                ? LifNeuron.withLearnableV0(cfg, new long[] {2, 5}, V0Init.uniform(-0.2, 0.6), dt, rng)
                : new LifNeuron(cfg);
        assertTrue(layer.accelerated(dt));
        Tensor[] grads = new Tensor[4];
        INDArray[] spikes = new INDArray[2];
        for (int path = 0; path < 2; path++) {
            layer.zeroGrad();
            Tensor x = Tensor.variable(xv.dup());
            Tensor init = state ? Tensor.variable(v0v.dup()) : null;
            NeuronLayer.Output o = path == 0 ? layer.run(x, init) : layer.runGeneric(x, init);
            Tensor loss = o.spikes().mul(Tensor.constant(gs)).sum()
                    .add(o.state().mul(Tensor.constant(gvf)).sum());
            loss.backward();
            spikes[path] = o.spikes().value();
            grads[2 * path] = x;
            grads[2 * path + 1] = init;
            if (learnV0 && !state) {
                if (path == 0) {
                    grads[1] = Tensor.constant(layer.v0().grad().dup());
                } else {
                    assertClose(grads[1].value(), layer.v0().grad(), 2e-4, "dL/dv0");
                }
            }
        }
        assertArrayEquals(spikes[1].data().asDouble(), spikes[0].data().asDouble(), "spikes must match exactly");
        assertClose(grads[2].grad(), grads[0].grad(), 2e-5, "dL/dx");
        if (state) {
            assertClose(grads[3].grad(), grads[1].grad(), 2e-5, "dL/dstate");
        }
    }

    @Test
    void singleStepsAgreeExactlyWithOneMultiStepCall() {
        SplittableRandom rng = new SplittableRandom(5);
        LifConfig cfg = LifConfig.builder().decay(0.5).resetMode(ResetMode.SOFT).surrogate(new ArctanSurrogate(2.0)).build();
        LifNeuron layer = LifNeuron.withLearnableV0(cfg, new long[] {4}, V0Init.standard(), DataType.FLOAT, rng);
        INDArray xv = Init.uniform(DataType.FLOAT, new long[] {6, 2, 4}, -0.2, 1.5, rng);
        INDArray gs = Init.uniform(DataType.FLOAT, new long[] {6, 2, 4}, -1, 1, rng);

        Tensor xa = Tensor.variable(xv.dup());
        Tensor sa = layer.forward(xa);
        sa.backward(gs);
        INDArray gradV0Multi = layer.v0().grad().dup();
        layer.zeroGrad();

        Tensor xb = Tensor.variable(xv.dup());
        List<Tensor> steps = new ArrayList<>();
        Tensor state = null;
        for (int t = 0; t < 6; t++) {
            NeuronLayer.Output o = layer.step(xb.select(t), state);
            steps.add(o.spikes());
            state = o.state();
        }
        Tensor sb = ShapeOps.stack(steps);
        sb.backward(gs);
        assertArrayEquals(sa.value().data().asFloat(), sb.value().data().asFloat(), 0f);
        assertNotNull(layer.v0().grad(), "the first step starts from v0, so v0 gets a gradient");
        assertClose(xa.grad(), xb.grad(), 1e-6, "dL/dx single vs multi");
        assertClose(gradV0Multi, layer.v0().grad(), 1e-5, "dL/dv0 single vs multi");
    }

    @Test
    void streamingTwoChunksWithCarriedStateEqualsOneCall() {
        SplittableRandom rng = new SplittableRandom(9);
        LifNeuron layer = new LifNeuron(LifConfig.tet());
        INDArray xv = Init.uniform(DataType.FLOAT, new long[] {8, 3, 5}, -0.2, 1.5, rng);
        Tensor whole = layer.forward(Tensor.constant(xv));
        NeuronLayer.Output first = layer.run(Tensor.constant(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).dup()), null);
        NeuronLayer.Output second = layer.run(Tensor.constant(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 8)).dup()),
                first.state());
        INDArray joined = org.nd4j.linalg.factory.Nd4j.concat(0, first.spikes().value(), second.spikes().value());
        assertArrayEquals(whole.value().data().asFloat(), joined.data().asFloat(), 0f);
    }

    @Test
    void inputShapeThatDoesNotMatchV0NamesBothShapes() {
        LifNeuron layer = LifNeuron.withLearnableV0(LifConfig.impLegacy(), new long[] {4, 3, 3}, V0Init.dvs48(),
                DataType.FLOAT, new SplittableRandom(1));
        Tensor x = Tensor.constant(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 5, 4, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(x));
        assertTrue(e.getMessage().contains("[4, 2, 3]") && e.getMessage().contains("[4, 3, 3]"), e.getMessage());
    }

    @Test
    void v0IsDrawnFromItsRangeAndExcludedFromWeightDecay() {
        LifNeuron layer = LifNeuron.withLearnableV0(LifConfig.tet(), new long[] {50}, V0Init.uniform(0.4, 0.6),
                DataType.FLOAT, new SplittableRandom(2));
        double min = layer.v0().value().minNumber().doubleValue();
        double max = layer.v0().value().maxNumber().doubleValue();
        assertTrue(min >= 0.4 && max < 0.6, min + ".." + max);
        assertTrue(!layer.v0().weightDecay());
        assertEquals(1, layer.namedParameters().size());
    }

    @Test
    void counterReportsFiringRate() {
        LifNeuron layer = new LifNeuron(LifConfig.integrateAndFire().toBuilder().surrogate(new TriangleSurrogate(1.0)).build());
        // IF with x = 0.6 every step: h = 0.6, 1.2 (fire, reset to 0), 0.6, 1.2 (fire): 2 spikes in 4 steps
        INDArray xv = org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {4, 1, 10}, 0.6, DataType.FLOAT);
        layer.forward(Tensor.constant(xv));
        assertEquals(0.5, layer.counter().firingRate(), 1e-12);
        assertEquals(40, layer.counter().neuronSteps());
        assertEquals(0.5, SpikingLayer.firingRates(layer).get(""), 1e-12);
        SpikingLayer.resetCounters(layer);
        assertTrue(Double.isNaN(layer.counter().firingRate()));
    }

    @Test
    void backwardRefusesAnInputModifiedInPlaceAfterForward() {
        LifNeuron layer = new LifNeuron(LifConfig.tet());
        INDArray xv = Init.uniform(DataType.FLOAT, new long[] {4, 2, 8}, 0, 1.5, new SplittableRandom(3));
        Tensor x = Tensor.variable(xv);
        Tensor s = layer.forward(x);
        xv.muli(2.0);   // e.g. a reused input buffer refilled before backward
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.sum().backward());
        assertTrue(e.getMessage().contains("modified in place"), e.getMessage());
    }

    static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertNotNull(actual, what + " missing");
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(e.length, a.length, what + " length");
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1.0, Math.abs(e[i])), what + " element " + i);
        }
    }
}
