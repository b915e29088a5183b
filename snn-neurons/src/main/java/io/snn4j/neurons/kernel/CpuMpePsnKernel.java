package io.snn4j.neurons.kernel;

import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.surrogate.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * CPU implementation of the fused MPE-PSN kernel (Chen et al.; docs/spec.md §5). FLOAT only
 * ({@link MpePsnLoopsF}: row blocks, nothing {@code [T, N]} saved, backward recomputes hhat from the
 * caller's x and mask). DOUBLE runs on the unfused path of {@link
 * io.snn4j.neurons.reference.ReferenceMpePsn} (core autograd ops), which {@link
 * io.snn4j.neurons.MpePsnNeuron} picks and the tests check this kernel against.
 *
 * <p>Backward, with {@code d = vhat − v}, {@code gd = gML·2·coef[t]·d/(T·N)}:
 * {@code ghhat = gs·g' − gd·((1 − s) − hhat·g')}, {@code dL/dθ += −g'·(gs + gd·hhat)},
 * {@code gvhat[t] = gd + τ·ghhat[t+1]}, {@code dL/dx = ghhat + (1 − B)·gvhat},
 * {@code dL/dcoef[t] = gML·Σ_n d²/(T·N)}.
 */
final class CpuMpePsnKernel implements MpePsnKernel {

    private final Function<Surrogate, SpikeFunction> spikeFunctions;

    CpuMpePsnKernel(Function<Surrogate, SpikeFunction> spikeFunctions) {
        this.spikeFunctions = spikeFunctions;
    }

    @Override
    public boolean supports(DataType type) {
        return type == DataType.FLOAT;
    }

    @Override
    public MpePsnForward forward(MpePsnConfig config, INDArray x, INDArray mask, double threshold,
                                 INDArray coef, boolean keepMembrane) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        DataType dt = NdIo.floatingType("x", x);
        if (dt != DataType.FLOAT) {
            throw new IllegalArgumentException("the CPU MPE-PSN kernel runs FLOAT arrays, x is " + dt
                    + " (DOUBLE runs on the unfused path of io.snn4j.neurons.reference.ReferenceMpePsn, which MpePsnNeuron picks)");
        }
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
        return forwardFloat(config, x, mask, threshold, coef, keepMembrane, steps, n);
    }

    @Override
    public MpePsnGradients backward(MpePsnSaved saved, INDArray gradSpikes, double gradMemLoss) {
        if (!(saved instanceof CpuMpePsnSavedF f)) {
            throw new IllegalArgumentException("saved state was not produced by the CPU MPE-PSN kernel: "
                    + (saved == null ? "null" : saved.getClass().getName()));
        }
        f.guard.check();
        if (!Double.isFinite(gradMemLoss)) {
            throw new IllegalArgumentException("gradMemLoss must be finite, got " + gradMemLoss);
        }
        return backwardFloat(f, gradSpikes, gradMemLoss);
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
