package io.snn4j.neurons.layer;

import static io.snn4j.neurons.layer.LifNeuronTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.LmhNeuron;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.MpePsnNeuron;
import io.snn4j.neurons.kernel.LmhParams;
import io.snn4j.neurons.kernel.MpePsnKernel;
import io.snn4j.neurons.reference.ReferenceLmh;
import io.snn4j.neurons.reference.ReferenceMpePsn;
import io.snn4j.neurons.surrogate.ArctanSurrogate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LmhAndMpePsnLayerTest {
    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void fusedLmhLayerMatchesUnfusedReference(String type) {
        DataType dt = DataType.valueOf(type);
        SplittableRandom rng = new SplittableRandom(21);
        LmhConfig cfg = new LmhConfig(1.0, new ArctanSurrogate(2.0));
        LmhParams p = new LmhParams(0.7, -0.4, 0.3, -1.1);
        long[] shape = {6, 3, 4};
        INDArray xv = Init.uniform(dt, shape, -0.5, 1.5, rng);
        INDArray gs = Init.uniform(dt, shape, -1, 1, rng);
        LmhNeuron layer = new LmhNeuron(cfg, p, dt);
        Tensor x1 = Tensor.variable(xv.dup());
        Tensor o1 = layer.forward(x1);
        o1.backward(gs);

        Tensor x2 = Tensor.variable(xv.dup());
        Tensor[] raw = {scalar(p.a1(), dt), scalar(p.b1(), dt), scalar(p.a2(), dt), scalar(p.b2(), dt)};
        Tensor o2 = ReferenceLmh.forward(cfg, x2, raw[0], raw[1], raw[2], raw[3]);
        o2.backward(gs);

        assertArrayEquals(o2.value().castTo(DataType.DOUBLE).data().asDouble(), o1.value().castTo(DataType.DOUBLE).data().asDouble());
        double tol = dt == DataType.DOUBLE ? 1e-10 : 1e-4;
        assertClose(x2.grad(), x1.grad(), tol, "dL/dx");
        Map<String, Parameter> params = layer.namedParameters();
        String[] names = {"a1", "b1", "a2", "b2"};
        for (int i = 0; i < 4; i++) {
            assertClose(raw[i].grad(), params.get(names[i]).grad(), tol, "dL/d" + names[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void lmhTimeSlicesWithDetachedStateReproduceTheForwardOfTheWholeSequence(String type) {
        DataType dt = DataType.valueOf(type);
        SplittableRandom rng = new SplittableRandom(2);
        LmhNeuron layer = new LmhNeuron(LmhConfig.standard(), new LmhParams(0.2, 0.1, -0.3, 0.4), dt);
        INDArray xv = Init.uniform(dt, new long[] {8, 2, 5}, -0.5, 1.5, rng);
        Tensor whole = layer.forward(Tensor.constant(xv));
        LmhNeuron.LmhOutput a = layer.run(Tensor.variable(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).dup()), null);
        a.spikes().sum().backward();                                 // first slice: its own backward and optimizer step
        LmhNeuron.LmhOutput b = layer.run(Tensor.variable(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)).dup()),
                a.state().detach());
        assertTrue(b.state().vD().requiresGrad());
        assertArrayEquals(whole.value().castTo(DataType.DOUBLE).data().asDouble(),
                Nd4j.concat(0, a.spikes().value(), b.spikes().value()).castTo(DataType.DOUBLE).data().asDouble(), 0.0);
        // carryState: two forwards of 4 steps equal the forward of 8
        layer.carryState(true);
        Tensor c1 = layer.forward(Tensor.constant(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).dup()));
        Tensor c2 = layer.forward(Tensor.constant(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)).dup()));
        assertArrayEquals(whole.value().castTo(DataType.DOUBLE).data().asDouble(),
                Nd4j.concat(0, c1.value(), c2.value()).castTo(DataType.DOUBLE).data().asDouble(), 0.0);
    }

    /**
     * A carried state outlives its slice's graph: releasing that graph after backward (as the Trainer does; pooled
     * buffers poisoned with NaN) must leave the next slice's start state intact. The state used to alias the last
     * step's membrane, a graph intermediate, and read recycled memory.
     */
    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void aCarriedStateSurvivesTheReleaseOfItsSlicesGraph(String type) {
        DataType dt = DataType.valueOf(type);
        INDArray xv = Init.uniform(dt, new long[] {8, 2, 5}, -0.5, 1.5, new SplittableRandom(4));
        LmhNeuron reference = new LmhNeuron(LmhConfig.standard(), new LmhParams(0.2, 0.1, -0.3, 0.4), dt);
        Tensor whole = reference.forward(Tensor.constant(xv));
        System.setProperty("snn4j.pool.poison", "true");
        try {
            LmhNeuron layer = new LmhNeuron(LmhConfig.standard(), new LmhParams(0.2, 0.1, -0.3, 0.4), dt);
            layer.carryState(true);
            Tensor c1 = layer.forward(Tensor.variable(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).dup()));
            INDArray first = c1.value().dup();
            Tensor loss = c1.mul(c1).sum();
            loss.backward();
            loss.releaseGraph();
            Tensor c2 = layer.forward(Tensor.variable(xv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)).dup()));
            assertArrayEquals(whole.value().castTo(DataType.DOUBLE).data().asDouble(),
                    Nd4j.concat(0, first, c2.value()).castTo(DataType.DOUBLE).data().asDouble(), 0.0);
        } finally {
            System.clearProperty("snn4j.pool.poison");
        }
    }

    @Test
    void lmhDoubleStateGradientsMatchTheFloatKernel() {
        SplittableRandom rng = new SplittableRandom(6);
        LmhParams p = new LmhParams(0.3, -0.2, 0.1, 0.5);
        INDArray xv = Init.uniform(DataType.DOUBLE, new long[] {5, 2, 3}, -0.5, 1.5, rng);
        INDArray d0 = Init.uniform(DataType.DOUBLE, new long[] {2, 3}, -0.3, 0.3, rng);
        INDArray s0 = Init.uniform(DataType.DOUBLE, new long[] {2, 3}, 0.0, 0.6, rng);
        INDArray[][] grads = new INDArray[2][];
        int k = 0;
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            LmhNeuron layer = new LmhNeuron(LmhConfig.standard(), p, dt);
            Tensor vd = Tensor.variable(d0.castTo(dt));
            Tensor vs = Tensor.variable(s0.castTo(dt));
            LmhNeuron.LmhOutput o = layer.run(Tensor.constant(xv.castTo(dt)), new LmhNeuron.LmhState(vd, vs));
            o.spikes().sum().add(o.state().vD().mul(0.5).sum()).add(o.state().vS().mul(-0.7).sum()).backward();
            grads[k++] = new INDArray[] {vd.grad(), vs.grad(), layer.namedParameters().get("a2").grad()};
        }
        for (int i = 0; i < 3; i++) {
            assertClose(grads[0][i], grads[1][i], 1e-4, "gradient " + i);
        }
    }

    @Test
    void mpePsnDoublePathRejectsANonBinaryMask() {
        INDArray xv = Init.uniform(DataType.DOUBLE, new long[] {3, 2, 4}, -1, 2, new SplittableRandom(3));
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 3, 2, 4);
        mask.putScalar(new long[] {1, 1, 2}, 0.5);
        MpePsnNeuron layer = new MpePsnNeuron(MpePsnConfig.standard(), 3, v -> mask, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.constant(xv)));
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void fusedMpePsnLayerMatchesUnfusedReference(String type) {
        DataType dt = DataType.valueOf(type);
        SplittableRandom rng = new SplittableRandom(8);
        long[] shape = {5, 3, 4};
        INDArray xv = Init.uniform(dt, shape, -0.5, 2.0, rng);
        INDArray mask = MpePsnKernel.bernoulliMask(xv, rng);
        INDArray gs = Init.uniform(dt, shape, -1, 1, rng);
        double gm = 0.7;
        MpePsnConfig cfg = MpePsnConfig.standard();
        MpePsnNeuron layer = new MpePsnNeuron(cfg, 5, v -> mask, dt);
        layer.threshold().value().assign(0.9);
        layer.coef().value().assign(Init.uniform(dt, new long[] {5}, 0.1, 0.4, rng));
        Tensor x1 = Tensor.variable(xv.dup());
        Tensor s1 = layer.forward(x1);
        s1.mul(Tensor.constant(gs)).sum().add(layer.lastMembraneLoss().mul(gm)).backward();

        Tensor x2 = Tensor.variable(xv.dup());
        Tensor theta = Tensor.variable(Nd4j.scalar(dt, 0.9).reshape(1));
        Tensor coef = Tensor.variable(layer.coef().value().dup());
        ReferenceMpePsn.Output ref = ReferenceMpePsn.forward(cfg, x2, mask, theta, coef);
        ref.spikes().mul(Tensor.constant(gs)).sum().add(ref.memLoss().mul(gm)).backward();

        assertArrayEquals(ref.spikes().value().castTo(DataType.DOUBLE).data().asDouble(),
                s1.value().castTo(DataType.DOUBLE).data().asDouble());
        double tol = dt == DataType.DOUBLE ? 1e-10 : 1e-4;
        assertEquals(ref.memLoss().item(), layer.lastMembraneLoss().item(), tol);
        assertClose(x2.grad(), x1.grad(), tol, "dL/dx");
        assertClose(theta.grad(), layer.threshold().grad(), tol, "dL/dθ");
        assertClose(coef.grad(), layer.coef().grad(), tol, "dL/dcoef");
    }

    @Test
    void mpePsnSeededMasksAreReproducibleAndTheSequenceLengthIsChecked() {
        INDArray xv = Init.uniform(DataType.FLOAT, new long[] {4, 2, 6}, -1, 2, new SplittableRandom(1));
        MpePsnNeuron a = new MpePsnNeuron(MpePsnConfig.standard(), 4, MpePsnNeuron.MaskSource.random(new SplittableRandom(5)), DataType.FLOAT);
        MpePsnNeuron b = new MpePsnNeuron(MpePsnConfig.standard(), 4, MpePsnNeuron.MaskSource.random(new SplittableRandom(5)), DataType.FLOAT);
        assertArrayEquals(a.forward(Tensor.constant(xv)).value().data().asFloat(), b.forward(Tensor.constant(xv)).value().data().asFloat(), 0f);
        assertEquals(a.lastMembraneLoss().item(), b.lastMembraneLoss().item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 3, 2, 6))));
        assertTrue(e.getMessage().contains("T=4") && e.getMessage().contains("[3, 2, 6]"), e.getMessage());
    }

    @Test
    void backwardRefusesInputsModifiedInPlaceAfterForward() {
        INDArray xv = Init.uniform(DataType.FLOAT, new long[] {4, 2, 6}, -1, 2, new SplittableRandom(1));
        LmhNeuron lmh = new LmhNeuron(LmhConfig.standard(), DataType.FLOAT);
        Tensor o = lmh.forward(Tensor.variable(xv));
        xv.addi(1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.sum().backward());
        assertTrue(e.getMessage().contains("LM-H") && e.getMessage().contains("modified in place"), e.getMessage());

        INDArray mask = MpePsnKernel.bernoulliMask(xv, new SplittableRandom(2));
        MpePsnNeuron psn = new MpePsnNeuron(MpePsnConfig.standard(), 4, v -> mask, DataType.FLOAT);
        Tensor s = psn.forward(Tensor.variable(xv.dup()));
        mask.rsubi(1.0);
        e = assertThrows(IllegalStateException.class, () -> s.sum().backward());
        assertTrue(e.getMessage().contains("MPE-PSN") && e.getMessage().contains("mask"), e.getMessage());
    }

    static Tensor scalar(double v, DataType dt) {
        return Tensor.variable(Nd4j.scalar(dt, v).reshape(1));
    }
}
