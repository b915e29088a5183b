package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.reference.ReferenceLmh;

import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;
import java.util.SplittableRandom;

import static io.snn4j.neurons.kernel.GradCheck.vals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Float vs double, serial vs parallel, one call vs streamed chunks, views vs dense copies. */
class KernelConsistencyTest {

    private static final int T = 8;
    /** Several column blocks plus a partial one. */
    private static final int N = 3 * 1024 + 64;

    private static INDArray random(Random r, DataType dt, double lo, double hi, long... shape) {
        long len = 1;
        for (long d : shape) {
            len *= d;
        }
        return Nd4j.create(GradCheck.uniform(r, (int) len, lo, hi), shape, 'c').castTo(dt);
    }

    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void lifParallelEqualsSerial(ResetMode reset) {
        Random r = new Random(1);
        LifConfig c = LifConfig.tet().toBuilder().resetMode(reset).surrogate(Surrogate.arctan()).build();
        INDArray x = random(r, DataType.FLOAT, -0.5, 1.5, T, N);
        INDArray gs = random(r, DataType.FLOAT, -1, 1, T, N);
        INDArray v0 = random(r, DataType.FLOAT, -0.2, 0.2, 64);
        LifForward fs = LifKernel.cpu().forward(c, x, v0, false);
        LifGradients gsr = LifKernel.cpu().backward(fs.saved(), gs, null);
        LifKernel par = LifKernel.cpuParallel();
        LifForward fp = par.forward(c, x, v0, false);
        LifGradients gp = par.backward(fp.saved(), gs, null);
        assertArrayEquals(vals(fs.spikes()), vals(fp.spikes()), 0.0);
        assertArrayEquals(vals(fs.vFinal()), vals(fp.vFinal()), 0.0);
        assertEquals(fs.spikeCount(), fp.spikeCount(), 0.0);
        assertArrayEquals(vals(gsr.gradX()), vals(gp.gradX()), 0.0);
        assertArrayEquals(vals(gsr.gradVInit()), vals(gp.gradVInit()), 0.0);
        LifForward fo = par.forwardSpikes(c, x, T, v0);
        assertNull(fo.vFinal());
        assertEquals(fs.spikeCount(), fo.spikeCount(), 0.0);
        assertArrayEquals(vals(fs.spikes()), vals(fo.spikes()), 0.0);
        assertArrayEquals(vals(gsr.gradX()), vals(par.backward(fo.saved(), gs, null).gradX()), 0.0);
    }

    @Test
    void lifStreamingInTwoChunksEqualsOneCall() {
        DataType dt = DataType.FLOAT;
        Random r = new Random(2);
        LifConfig c = LifConfig.impLegacy().toBuilder().resetMode(ResetMode.SOFT).build();
        INDArray x = random(r, dt, -0.5, 1.5, T, 4, 33);
        INDArray v0 = random(r, dt, 0.4, 0.6, 33);
        LifForward whole = LifKernel.cpu().forward(c, x, v0, true);
        LifForward first = LifKernel.cpu().forward(c, x.get(NDArrayIndex.interval(0, 3)), v0, true);
        assertArrayEquals(new long[] {4, 33}, first.vFinal().shape());
        LifForward second = LifKernel.cpu().forward(c, x.get(NDArrayIndex.interval(3, T)), first.vFinal(), true);
        double[] all = vals(whole.spikes());
        double[] a = vals(first.spikes());
        double[] b = vals(second.spikes());
        double[] joined = new double[all.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        assertArrayEquals(all, joined, 0.0);
        assertArrayEquals(vals(whole.vFinal()), vals(second.vFinal()), 0.0);
        double[] mAll = vals(whole.membrane());
        double[] mB = vals(second.membrane());
        assertEquals(mAll[mAll.length - 1], mB[mB.length - 1], 0.0);
    }

    @Test
    void lifStreamingBackwardChainsThroughGradVFinal() {
        Random r = new Random(3);
        LifConfig c = LifConfig.tet();
        INDArray x = random(r, DataType.FLOAT, -0.5, 1.5, T, 50);
        INDArray gs = random(r, DataType.FLOAT, -1, 1, T, 50);
        INDArray v0 = random(r, DataType.FLOAT, -0.2, 0.2, 50);
        LifKernel k = LifKernel.cpu();
        LifGradients whole = k.backward(k.forward(c, x, v0, false).saved(), gs, null);
        LifForward f1 = k.forward(c, x.get(NDArrayIndex.interval(0, 5)), v0, false);
        LifForward f2 = k.forward(c, x.get(NDArrayIndex.interval(5, T)), f1.vFinal(), false);
        LifGradients g2 = k.backward(f2.saved(), gs.get(NDArrayIndex.interval(5, T)), null);
        LifGradients g1 = k.backward(f1.saved(), gs.get(NDArrayIndex.interval(0, 5)), g2.gradVInit());
        assertArrayEquals(vals(whole.gradVInit()), vals(g1.gradVInit()), 1e-6);
        double[] gx = vals(whole.gradX());
        double[] gx1 = vals(g1.gradX());
        for (int i = 0; i < gx1.length; i++) {
            assertEquals(gx[i], gx1[i], 1e-6);
        }
    }

    @Test
    void lmhStreamingInTwoChunksEqualsOneCallAndAgreesWithTheDoublePath() {
        Random r = new Random(4);
        LmhParams p = new LmhParams(0.5, -0.3, 0.2, -0.4);
        INDArray x = random(r, DataType.FLOAT, -0.5, 1.5, T, 700);
        LmhKernel k = LmhKernel.cpu();
        LmhForward whole = k.forward(LmhConfig.standard(), p, x, null, null, false);
        LmhForward a = k.forward(LmhConfig.standard(), p, x.get(NDArrayIndex.interval(0, 2)), null, null, false);
        LmhForward b = k.forward(LmhConfig.standard(), p, x.get(NDArrayIndex.interval(2, T)), a.vDFinal(),
                a.vSFinal(), false);
        assertArrayEquals(vals(whole.vDFinal()), vals(b.vDFinal()), 0.0);
        assertArrayEquals(vals(whole.vSFinal()), vals(b.vSFinal()), 0.0);
        Tensor[] raw = new Tensor[4];
        double[] q = {p.a1(), p.b1(), p.a2(), p.b2()};
        for (int i = 0; i < 4; i++) {
            raw[i] = Tensor.constant(Nd4j.scalar(DataType.DOUBLE, q[i]).reshape(1));
        }
        ReferenceLmh.Output d = ReferenceLmh.run(LmhConfig.standard(), Tensor.constant(x.castTo(DataType.DOUBLE)),
                raw[0], raw[1], raw[2], raw[3], null, null, false);
        assertArrayEquals(vals(d.vS().value()), vals(whole.vSFinal()), 1e-4);
    }

    @Test
    void viewInputsGiveTheSameResultAsDenseCopies() {
        Random r = new Random(5);
        INDArray big = random(r, DataType.FLOAT, -0.5, 1.5, T, 2 * 300);
        INDArray view = big.get(NDArrayIndex.all(), NDArrayIndex.interval(300, 600));
        LifForward fv = LifKernel.cpu().forward(LifConfig.tet(), view, null, false);
        LifForward fc = LifKernel.cpu().forward(LifConfig.tet(), view.dup('c'), null, false);
        assertArrayEquals(vals(fc.spikes()), vals(fv.spikes()), 0.0);
        assertArrayEquals(vals(fc.vFinal()), vals(fv.vFinal()), 0.0);
        INDArray fortran = view.dup('f');
        LifForward ff = LifKernel.cpu().forward(LifConfig.tet(), fortran, null, false);
        assertArrayEquals(vals(fc.spikes()), vals(ff.spikes()), 0.0);
    }

    @Test
    void bernoulliMaskIsReproducibleAndFollowsSigmoid() {
        INDArray x = Nd4j.valueArrayOf(new long[] {4, 5000}, 1.0, DataType.FLOAT);
        INDArray m1 = MpePsnKernel.bernoulliMask(x, new SplittableRandom(42));
        INDArray m2 = MpePsnKernel.bernoulliMask(x, new SplittableRandom(42));
        INDArray m3 = MpePsnKernel.bernoulliMask(x, new SplittableRandom(43));
        assertArrayEquals(vals(m1), vals(m2), 0.0);
        assertNotEquals(0.0, vals(m1.sub(m3).norm1())[0]);
        double mean = m1.meanNumber().doubleValue();
        assertEquals(1.0 / (1.0 + Math.exp(-1.0)), mean, 0.01);
        for (double v : vals(m1)) {
            assertTrue(v == 0.0 || v == 1.0);
        }
        // and the kernel accepts it
        MpePsnForward f = MpePsnKernel.cpu().forward(MpePsnConfig.standard(), x, m1, 1.0,
                Nd4j.valueArrayOf(new long[] {4}, 0.25, DataType.FLOAT), false);
        assertTrue(f.memLoss() >= 0);
    }
}
