package io.snn4j.neurons.kernel;

import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.surrogate.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * CPU implementation of the fused MPE-PSN kernel (Chen et al.; docs/spec.md §5). FLOAT arrays run in float
 * ({@link MpePsnLoopsF}: row blocks, nothing {@code [T, N]} saved, backward recomputes hhat from the
 * caller's x and mask); DOUBLE arrays run in double and save x and the mask (9 bytes per element),
 * the exact path the finite-difference checks use.
 *
 * <p>Backward, with {@code d = vhat − v}, {@code gd = gML·2·coef[t]·d/(T·N)}:
 * {@code ghhat = gs·g' − gd·((1 − s) − hhat·g')}, {@code dL/dθ += −g'·(gs + gd·hhat)},
 * {@code gvhat[t] = gd + τ·ghhat[t+1]}, {@code dL/dx = ghhat + (1 − B)·gvhat},
 * {@code dL/dcoef[t] = gML·Σ_n d²/(T·N)}.
 */
final class CpuMpePsnKernel implements MpePsnKernel {

    private static final int BLOCK = 512;

    private final Function<Surrogate, SpikeFunction> spikeFunctions;

    CpuMpePsnKernel(Function<Surrogate, SpikeFunction> spikeFunctions) {
        this.spikeFunctions = spikeFunctions;
    }

    @Override
    public MpePsnForward forward(MpePsnConfig config, INDArray x, INDArray mask, double threshold,
                                 INDArray coef, boolean keepMembrane) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        DataType dt = NdIo.floatingType("x", x);
        if (x.rank() < 1 || x.length() == 0) {
            throw new IllegalArgumentException("x must be non-empty with a leading time dimension");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        int total = NdIo.checkedSize(x.length());
        int steps = (int) x.size(0);
        int n = total / steps;
        NdIo.sameType("mask", mask, dt);
        NdIo.length("mask", mask, total);
        NdIo.sameType("coef", coef, dt);
        NdIo.length("coef", coef, steps);
        if (dt == DataType.FLOAT) {
            return forwardFloat(config, x, mask, threshold, coef, keepMembrane, steps, n);
        }
        double[] xs = NdIo.toDoubles(x);
        byte[] b = NdIo.maskBytes("mask", mask);
        double[] c = NdIo.toDoubles(coef);
        double tau = config.tau();
        INDArray spikes = NdIo.create(dt, x.shape());
        INDArray membrane = keepMembrane ? NdIo.create(dt, x.shape()) : null;
        DoubleRows sr = DoubleRows.of(spikes);
        DoubleRows mr = membrane == null ? null : DoubleRows.of(membrane);
        SpikeFunction fn = spikeFunctions.apply(config.surrogate());
        double[] sumSq = new double[steps];
        double spikeCount = 0;
        double[] hh = new double[BLOCK];
        double[] ss = new double[BLOCK];
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int len = Math.min(BLOCK, n - b0);
            for (int t = 0; t < steps; t++) {
                int off = t * n + b0;
                estimate(xs, b, tau, t, n, off, hh, len);
                fn.fire(hh, 0, threshold, ss, 0, len);
                double acc = 0;
                for (int i = 0; i < len; i++) {
                    spikeCount += ss[i];
                    double v = (1.0 - ss[i]) * hh[i];
                    double vhat = b[off + i] == 0 ? xs[off + i] : 0.0;
                    double d = vhat - v;
                    acc += d * d;
                }
                sumSq[t] += acc;
                sr.put(off, ss, 0, len);
                if (mr != null) {
                    mr.put(off, hh, 0, len);
                }
            }
        }
        double memLoss = 0;
        for (int t = 0; t < steps; t++) {
            memLoss += c[t] * sumSq[t];
        }
        memLoss /= total;
        CpuMpePsnSaved saved = new CpuMpePsnSaved(config, fn, steps, n, dt, xs, b, threshold, c, sumSq,
                x.shape(), coef.shape());
        return new MpePsnForward(spikes, membrane, memLoss, saved, spikeCount);
    }

    /** {@code hh[i] = τ·vhat[t−1] + x[t]} for the row block at {@code off}. */
    private static void estimate(double[] xs, byte[] b, double tau, int t, int n, int off,
                                 double[] hh, int len) {
        if (t == 0) {
            System.arraycopy(xs, off, hh, 0, len);
            return;
        }
        int prev = off - n;
        for (int i = 0; i < len; i++) {
            double vhatPrev = b[prev + i] == 0 ? xs[prev + i] : 0.0;
            hh[i] = tau * vhatPrev + xs[off + i];
        }
    }

    @Override
    public MpePsnGradients backward(MpePsnSaved saved, INDArray gradSpikes, double gradMemLoss) {
        if (saved instanceof CpuMpePsnSavedF f) {
            f.guard.check();
            if (!Double.isFinite(gradMemLoss)) {
                throw new IllegalArgumentException("gradMemLoss must be finite, got " + gradMemLoss);
            }
            return backwardFloat(f, gradSpikes, gradMemLoss);
        }
        if (!(saved instanceof CpuMpePsnSaved s)) {
            throw new IllegalArgumentException("saved state was not produced by the CPU MPE-PSN kernel: "
                    + (saved == null ? "null" : saved.getClass().getName()));
        }
        if (!Double.isFinite(gradMemLoss)) {
            throw new IllegalArgumentException("gradMemLoss must be finite, got " + gradMemLoss);
        }
        int n = s.n;
        int steps = s.steps;
        int total = steps * n;
        DataType dt = s.dataType;
        NdIo.sameType("gradSpikes", gradSpikes, dt);
        NdIo.length("gradSpikes", gradSpikes, total);
        DoubleRows gsr = DoubleRows.of(NdIo.dense(gradSpikes));
        INDArray gradX = NdIo.create(dt, s.xShape);
        DoubleRows gxr = DoubleRows.of(gradX);
        double tau = s.config.tau();
        double theta = s.threshold;
        double[] xs = s.x;
        byte[] b = s.mask;
        double[] carry = new double[BLOCK];
        double[] gs = new double[BLOCK];
        double[] hh = new double[BLOCK];
        double[] ss = new double[BLOCK];
        double[] gg = new double[BLOCK];
        double[] gx = new double[BLOCK];
        double gTheta = 0;
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int len = Math.min(BLOCK, n - b0);
            java.util.Arrays.fill(carry, 0, len, 0.0);
            for (int t = steps - 1; t >= 0; t--) {
                int off = t * n + b0;
                double k = gradMemLoss * 2.0 * s.coef[t] / total;
                gsr.get(off, gs, 0, len);
                estimate(xs, b, tau, t, n, off, hh, len);
                s.spike.fire(hh, 0, theta, ss, 0, len);
                s.spike.grad(hh, 0, theta, gg, 0, len);
                for (int i = 0; i < len; i++) {
                    double keep = b[off + i] == 0 ? 1.0 : 0.0;
                    double h = hh[i];
                    double v = (1.0 - ss[i]) * h;
                    double gd = k * (keep * xs[off + i] - v);
                    double ghh = gs[i] * gg[i] - gd * ((1.0 - ss[i]) - h * gg[i]);
                    gTheta -= gg[i] * (gs[i] + gd * h);
                    gx[i] = ghh + keep * (gd + carry[i]);
                    carry[i] = tau * ghh;
                }
                gxr.put(off, gx, 0, len);
            }
        }
        double[] gc = new double[steps];
        for (int t = 0; t < steps; t++) {
            gc[t] = gradMemLoss * s.sumSq[t] / total;
        }
        return new MpePsnGradients(gradX, gTheta, NdIo.fromDoubles(dt, gc, s.coefShape));
    }

    /** FLOAT arrays: float math, nothing saved but references to x and the mask ({@link MpePsnLoopsF}). */
    private MpePsnForward forwardFloat(MpePsnConfig config, INDArray x, INDArray mask, double threshold,
                                       INDArray coef, boolean keepMembrane, int steps, int n) {
        INDArray xd = NdIo.dense(x);
        INDArray md = NdIo.dense(mask);
        double[] c = NdIo.toDoubles(coef);
        INDArray spikes = NdIo.create(DataType.FLOAT, x.shape());
        INDArray membrane = keepMembrane ? NdIo.create(DataType.FLOAT, x.shape()) : null;
        SpikeFunction fn = spikeFunctions.apply(config.surrogate());
        double[] count = new double[1];
        double[] sumSq = MpePsnLoopsF.forward(fn, fn instanceof HeavisideSpike, (float) config.tau(),
                (float) threshold, NdIo.floats(xd), NdIo.floats(md), NdIo.floats(spikes),
                membrane == null ? null : NdIo.floats(membrane), steps, n, "mask", count);
        double memLoss = 0;
        for (int t = 0; t < steps; t++) {
            memLoss += c[t] * sumSq[t];
        }
        memLoss /= (double) steps * n;
        CpuMpePsnSavedF saved = new CpuMpePsnSavedF(config, fn, steps, n, xd, xd != x, md, md != mask,
                threshold, c, sumSq, x.shape(), coef.shape());
        return new MpePsnForward(spikes, membrane, memLoss, saved, count[0]);
    }

    private MpePsnGradients backwardFloat(CpuMpePsnSavedF s, INDArray gradSpikes, double gradMemLoss) {
        int n = s.n;
        int steps = s.steps;
        int total = steps * n;
        DataType dt = DataType.FLOAT;
        NdIo.sameType("gradSpikes", gradSpikes, dt);
        NdIo.length("gradSpikes", gradSpikes, total);
        INDArray gsd = NdIo.dense(gradSpikes);
        INDArray gradX = NdIo.create(dt, s.xShape);
        boolean heaviside = s.spike instanceof HeavisideSpike;
        float[] k = new float[steps];
        for (int t = 0; t < steps; t++) {
            k[t] = (float) (gradMemLoss * 2.0 * s.coef[t] / total);
        }
        double gTheta = MpePsnLoopsF.backward(s.spike, heaviside, (float) s.config.tau(), (float) s.threshold, k,
                NdIo.floats(s.x), NdIo.floats(s.mask), NdIo.floats(gsd), NdIo.floats(gradX), steps, n);
        double[] gc = new double[steps];
        for (int t = 0; t < steps; t++) {
            gc[t] = gradMemLoss * s.sumSq[t] / total;
        }
        return new MpePsnGradients(gradX, gTheta, NdIo.fromDoubles(dt, gc, s.coefShape));
    }

    static INDArray bernoulliMask(INDArray x, RandomGenerator rng) {
        DataType dt = NdIo.floatingType("x", x);
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null");
        }
        double[] xs = NdIo.toDoubles(x);
        double[] m = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double p = 1.0 / (1.0 + Math.exp(-xs[i]));
            m[i] = rng.nextDouble() < p ? 1.0 : 0.0;
        }
        return NdIo.fromDoubles(dt, m, x.shape());
    }
}
