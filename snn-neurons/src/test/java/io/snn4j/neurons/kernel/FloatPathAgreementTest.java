package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.reference.ReferenceLmh;
import io.snn4j.neurons.reference.ReferenceMpePsn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static io.snn4j.neurons.kernel.GradCheck.vals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FLOAT LM-H and MPE-PSN kernels (float math, recomputation in backward) agree with the DOUBLE
 * unfused paths ({@link ReferenceLmh}, {@link ReferenceMpePsn}, core autograd) on random inputs:
 * spikes exactly in every neuron none of whose membrane values lies within 1e-4 of θ (in the DOUBLE run), dL/dx and the scalar gradients within float tolerance.
 * Neurons with a near-threshold value are excluded (their upstream gradient is zeroed in both runs,
 * so they contribute nothing to the parameter sums).
 */
class FloatPathAgreementTest {

    private static final int T = 7;
    /** Not a multiple of the block sizes: exercises the partial last block. */
    private static final int N = 2 * 1024 + 333;
    private static final double NEAR = 1e-4;

    private static INDArray random(Random r, double lo, double hi, long... shape) {
        int len = 1;
        for (long s : shape) {
            len *= (int) s;
        }
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            // float-representable, so both runs see the same inputs
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    private static boolean[] nearThreshold(double[] membrane, double theta, int steps, int n) {
        boolean[] near = new boolean[n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                if (Math.abs(membrane[t * n + i] - theta) < NEAR) {
                    near[i] = true;
                }
            }
        }
        return near;
    }

    private static INDArray zeroColumns(INDArray g, boolean[] near, int steps, int n) {
        double[] v = vals(g);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                if (near[i]) {
                    v[t * n + i] = 0;
                }
            }
        }
        return Nd4j.create(v, g.shape(), DataType.DOUBLE);
    }

    private static void assertClose(String what, double expected, double actual, double atol, double rtol) {
        assertTrue(Math.abs(expected - actual) <= atol + rtol * Math.abs(expected),
                what + ": double " + expected + ", float " + actual);
    }

    private static void assertColumns(String what, double[] expected, double[] actual, boolean[] near,
                                      int steps, int n, double atol, double rtol, boolean exact) {
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                if (near[i]) {
                    continue;
                }
                int k = t * n + i;
                if (exact) {
                    assertEquals(expected[k], actual[k], 0.0, what + " at t=" + t + " n=" + i);
                } else {
                    assertClose(what + " at t=" + t + " n=" + i, expected[k], actual[k], atol, rtol);
                }
            }
        }
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }

    /** A [1] DOUBLE variable. */
    private static Tensor scalar(double v) {
        return Tensor.variable(Nd4j.scalar(DataType.DOUBLE, v).reshape(1));
    }

    private static Tensor variable(INDArray a) {
        return a == null ? null : Tensor.variable(a.dup());
    }

    private static Tensor dotSum(Tensor t, INDArray g) {
        return t.mul(Tensor.constant(g)).sum();
    }

    /** The LM-H DOUBLE path and its gradients of {@code Σ gradO·o + Σ gvd·vD[T−1] + Σ gvs·vS[T−1]}. */
    private record LmhRun(ReferenceLmh.Output out, Tensor x, Tensor[] raw, Tensor vD0, Tensor vS0) {
        static LmhRun of(LmhConfig cfg, UnaryOperator<Tensor> fire, LmhParams p, INDArray x, INDArray vD0, INDArray vS0) {
            Tensor xt = Tensor.variable(x.dup());
            Tensor[] raw = {scalar(p.a1()), scalar(p.b1()), scalar(p.a2()), scalar(p.b2())};
            Tensor d0 = variable(vD0);
            Tensor s0 = variable(vS0);
            ReferenceLmh.Output o = fire == null
                    ? ReferenceLmh.run(cfg, xt, raw[0], raw[1], raw[2], raw[3], d0, s0, true)
                    : ReferenceLmh.run(cfg, fire, xt, raw[0], raw[1], raw[2], raw[3], d0, s0, true);
            return new LmhRun(o, xt, raw, d0, s0);
        }

        void backward(INDArray gradO, INDArray gvd, INDArray gvs) {
            Tensor loss = dotSum(out.spikes(), gradO);
            if (gvd != null) {
                loss = loss.add(dotSum(out.vD(), gvd));
            }
            if (gvs != null) {
                loss = loss.add(dotSum(out.vS(), gvs));
            }
            loss.backward();
        }

        double grad(int i) {
            return raw[i].grad().getDouble(0);
        }
    }

    @ParameterizedTest(name = "initial state given: {0}")
    @ValueSource(booleans = {false, true})
    void lmhFloatKernelAgreesWithTheDoublePath(boolean withInit) {
        Random r = new Random(withInit ? 11 : 12);
        LmhParams p = new LmhParams(0.7, -0.4, -0.6, 0.3);
        LmhConfig cfg = LmhConfig.standard();
        double theta = cfg.threshold();
        INDArray x = random(r, -0.5, 1.5, T, N);
        INDArray gradO = random(r, -1, 1, T, N);
        INDArray vD0 = withInit ? random(r, -0.3, 0.3, N) : null;
        INDArray vS0 = withInit ? random(r, 0.0, 0.6, N) : null;
        LmhKernel k = LmhKernel.cpu();
        LmhRun fd = LmhRun.of(cfg, null, p, x, vD0, vS0);
        LmhForward ff = k.forward(cfg, p, x.castTo(DataType.FLOAT), f(vD0), f(vS0), true);
        assertEquals(DataType.FLOAT, ff.spikes().dataType());
        assertEquals(0L, ff.saved().sizeBytes() - (withInit ? 8L * N : 0L));
        boolean[] near = nearThreshold(vals(fd.out().membrane().value()), theta, T, N);
        assertTrue(count(near) < N / 50, "too many near-threshold neurons: " + count(near));
        assertColumns("spikes", vals(fd.out().spikes().value()), vals(ff.spikes()), near, T, N, 0, 0, true);
        assertColumns("membrane", vals(fd.out().membrane().value()), vals(ff.membrane()), near, T, N, 1e-5, 1e-5, false);
        INDArray go = zeroColumns(gradO, near, T, N);
        INDArray gvd = withInit ? random(r, -1, 1, N) : null;
        INDArray gvs = withInit ? random(r, -1, 1, N) : null;
        fd.backward(go, gvd, gvs);
        LmhGradients gf = k.backward(ff.saved(), go.castTo(DataType.FLOAT), f(gvd), f(gvs));
        assertColumns("gradX", vals(fd.x().grad()), vals(gf.gradX()), near, T, N, 1e-5, 1e-4, false);
        assertClose("gradA1", fd.grad(0), gf.gradA1(), 1e-3, 1e-4);
        assertClose("gradB1", fd.grad(1), gf.gradB1(), 1e-3, 1e-4);
        assertClose("gradA2", fd.grad(2), gf.gradA2(), 1e-3, 1e-4);
        assertClose("gradB2", fd.grad(3), gf.gradB2(), 1e-3, 1e-4);
        if (withInit) {
            assertColumns("gradVD0", vals(fd.vD0().grad()), vals(gf.gradVD0()), near, 1, N, 1e-5, 1e-4, false);
            assertColumns("gradVS0", vals(fd.vS0().grad()), vals(gf.gradVS0()), near, 1, N, 1e-5, 1e-4, false);
        }
    }

    @Test
    void lmhFloatKernelWithSmoothSpikeAndBroadcastInitAgreesWithTheDoublePath() {
        Random r = new Random(13);
        LmhParams p = new LmhParams(-0.2, 0.5, 0.4, -0.7);
        LmhConfig cfg = LmhConfig.standard();
        INDArray x = random(r, -0.5, 1.5, T, N);
        INDArray gradO = random(r, -1, 1, T, N);
        INDArray vD0 = random(r, -0.3, 0.3, 1);
        INDArray vS0 = random(r, 0.0, 0.6, 1);
        CpuLmhKernel k = new CpuLmhKernel(s -> new SmoothSpike(4.0));
        LmhRun fd = LmhRun.of(cfg, h -> h.mul(4.0).sigmoid(), p, x, vD0, vS0);
        LmhForward ff = k.forward(cfg, p, x.castTo(DataType.FLOAT), f(vD0), f(vS0), true);
        boolean[] none = new boolean[N];
        assertColumns("spikes", vals(fd.out().spikes().value()), vals(ff.spikes()), none, T, N, 1e-5, 1e-4, false);
        assertColumns("vSFinal", vals(fd.out().vS().value()), vals(ff.vSFinal()), none, 1, N, 1e-5, 1e-4, false);
        fd.backward(gradO, null, null);
        LmhGradients gf = k.backward(ff.saved(), gradO.castTo(DataType.FLOAT), null, null);
        assertColumns("gradX", vals(fd.x().grad()), vals(gf.gradX()), none, T, N, 1e-5, 1e-4, false);
        assertClose("gradA1", fd.grad(0), gf.gradA1(), 1e-3, 1e-4);
        assertClose("gradB2", fd.grad(3), gf.gradB2(), 1e-3, 1e-4);
        assertClose("gradVD0", vals(fd.vD0().grad())[0], vals(gf.gradVD0())[0], 1e-3, 1e-4);
        assertClose("gradVS0", vals(fd.vS0().grad())[0], vals(gf.gradVS0())[0], 1e-3, 1e-4);
    }

    @ParameterizedTest(name = "smooth spike: {0}")
    @ValueSource(booleans = {false, true})
    void mpePsnFloatKernelAgreesWithTheDoublePath(boolean smooth) {
        Random r = new Random(smooth ? 21 : 22);
        MpePsnConfig cfg = MpePsnConfig.standard();
        double theta = 0.9;
        INDArray x = random(r, -0.5, 1.5, T, N);
        INDArray mask = MpePsnKernel.bernoulliMask(x, new SplittableRandom(5));
        INDArray coef = random(r, 0.05, 0.3, T);
        INDArray gradS = random(r, -1, 1, T, N);
        CpuMpePsnKernel k = smooth ? new CpuMpePsnKernel(s -> new SmoothSpike(4.0))
                : (CpuMpePsnKernel) MpePsnKernel.cpu();
        Tensor xt = Tensor.variable(x.dup());
        Tensor th = scalar(theta);
        Tensor ct = Tensor.variable(coef.dup());
        ReferenceMpePsn.Output fd = smooth
                ? ReferenceMpePsn.forward(cfg, h -> h.mul(4.0).sigmoid(), xt, mask, th, ct)
                : ReferenceMpePsn.forward(cfg, xt, mask, th, ct);
        MpePsnForward ff = k.forward(cfg, f(x), f(mask), theta, f(coef), true);
        assertEquals(0L, ff.saved().sizeBytes());
        boolean[] near = smooth ? new boolean[N] : nearThreshold(vals(fd.membrane().value()), theta, T, N);
        assertTrue(count(near) < N / 50, "too many near-threshold neurons: " + count(near));
        assertColumns("spikes", vals(fd.spikes().value()), vals(ff.spikes()), near, T, N, 1e-5, 1e-4, !smooth);
        assertColumns("membrane", vals(fd.membrane().value()), vals(ff.membrane()), near, T, N, 1e-6, 1e-6, false);
        assertClose("memLoss", fd.memLoss().item(), ff.memLoss(), 1e-4, 1e-4);
        INDArray gs = zeroColumns(gradS, near, T, N);
        dotSum(fd.spikes(), gs).add(fd.memLoss().mul(0.5)).backward();
        MpePsnGradients gf = k.backward(ff.saved(), f(gs), 0.5);
        assertColumns("gradX", vals(xt.grad()), vals(gf.gradX()), near, T, N, 1e-5, 1e-4, false);
        // near-threshold neurons still enter dL/dθ through the membrane loss: bounded by its small weight
        assertClose("gradThreshold", th.grad().getDouble(0), gf.gradThreshold(), 1e-3, 1e-4);
        double[] cd = vals(ct.grad());
        double[] cf = vals(gf.gradCoef());
        for (int t = 0; t < T; t++) {
            assertClose("gradCoef[" + t + "]", cd[t], cf[t], 1e-4, 1e-3);
        }
    }

    @Test
    void mpePsnFloatRejectsANonBinaryMask() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1500);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 3, 1500);
        mask.putScalar(2, 1200, 0.5);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> MpePsnKernel.cpu().forward(MpePsnConfig.standard(), x,
                        mask, 1.0, Nd4j.valueArrayOf(new long[] {3}, 1.0 / 3, DataType.FLOAT), false));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("at index " + (2 * 1500 + 1200)), e.getMessage());
    }

    private static INDArray f(INDArray a) {
        return a == null ? null : a.castTo(DataType.FLOAT);
    }
}
