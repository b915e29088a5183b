package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * CPU implementation of the fused LIF kernel (SPEC §2; TET eq. 1–3; IMP v0 of Shen et al. NeurIPS
 * 2024): blocked over neurons, sequential over time, float and double specialisations.
 */
final class CpuLifKernel implements LifKernel {

    private final boolean parallel;
    private final Function<Surrogate, SpikeFunction> spikeFunctions;

    CpuLifKernel(boolean parallel) {
        this(parallel, HeavisideSpike::new);
    }

    /** Test hook: replace the spike nonlinearity (e.g. by a smooth one for finite differences). */
    CpuLifKernel(boolean parallel, Function<Surrogate, SpikeFunction> spikeFunctions) {
        this.parallel = parallel;
        this.spikeFunctions = spikeFunctions;
    }

    @Override
    public LifForward forward(LifConfig config, INDArray x, INDArray vInit, boolean keepMembrane) {
        NdIo.floatingType("x", x);
        if (x.rank() < 1 || x.length() == 0) {
            throw new IllegalArgumentException("x must be non-empty with a leading time dimension");
        }
        long t = x.size(0);
        if (t > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("T = " + t + " is too large");
        }
        return forward(config, x, (int) t, vInit, keepMembrane);
    }

    @Override
    public LifForward forward(LifConfig config, INDArray x, int timeSteps, INDArray vInit,
                              boolean keepMembrane) {
        Dims d = validate(config, x, timeSteps, vInit);
        long[] xShape = x.shape();
        INDArray spikes = NdIo.create(d.dt, xShape);
        INDArray membrane = keepMembrane ? NdIo.create(d.dt, xShape) : null;
        INDArray vFinal = NdIo.create(d.dt, NdIo.stepShape(xShape, timeSteps, d.n));
        return run(config, x, timeSteps, vInit, d, spikes, membrane, vFinal);
    }

    @Override
    public LifForward forwardInto(LifConfig config, INDArray x, int timeSteps, INDArray vInit,
                                  INDArray spikes, INDArray membrane, INDArray vFinal) {
        Dims d = validate(config, x, timeSteps, vInit);
        long total = (long) timeSteps * d.n;
        NdIo.output("spikes", spikes, d.dt, total);
        NdIo.noOverlap("spikes", spikes, "x", x);
        if (membrane != null) {
            NdIo.output("membrane", membrane, d.dt, total);
            NdIo.noOverlap("membrane", membrane, "x", x);
            NdIo.noOverlap("membrane", membrane, "spikes", spikes);
        }
        if (vFinal == null) {
            vFinal = NdIo.create(d.dt, NdIo.stepShape(x.shape(), timeSteps, d.n));
        } else {
            NdIo.output("vFinal", vFinal, d.dt, d.n);
            NdIo.noOverlap("vFinal", vFinal, "x", x);
            NdIo.noOverlap("vFinal", vFinal, "spikes", spikes);
        }
        return run(config, x, timeSteps, vInit, d, spikes, membrane, vFinal);
    }

    /** Validated sizes of one forward call. */
    private record Dims(DataType dt, int n, int m, long[] vInitShape) {
    }

    private static Dims validate(LifConfig config, INDArray x, int timeSteps, INDArray vInit) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        DataType dt = NdIo.floatingType("x", x);
        if (timeSteps <= 0 || x.length() % timeSteps != 0) {
            throw new IllegalArgumentException("timeSteps " + timeSteps + " does not divide x length "
                    + x.length());
        }
        int total = NdIo.checkedSize(x.length());
        int n = total / timeSteps;
        long[] vInitShape = null;
        int m = 0;
        if (vInit != null) {
            NdIo.sameType("vInit", vInit, dt);
            long len = vInit.length();
            if (len <= 0 || n % len != 0) {
                throw new IllegalArgumentException("vInit length " + len + " does not divide N = " + n
                        + " (neurons per time step)");
            }
            m = (int) len;
            vInitShape = vInit.shape();
        }
        return new Dims(dt, n, m, vInitShape);
    }

    private LifForward run(LifConfig config, INDArray x, int timeSteps, INDArray vInit, Dims d,
                           INDArray spikes, INDArray membrane, INDArray vFinal) {
        int n = d.n;
        INDArray xd = NdIo.dense(x);
        SpikeFunction fn = spikeFunctions.apply(config.surrogate());
        boolean heaviside = fn instanceof HeavisideSpike;
        boolean hard = config.resetMode() == ResetMode.HARD;
        CpuLifSaved saved;
        if (d.dt == DataType.FLOAT) {
            float[] v0 = vInit == null ? null : toFloats(vInit);
            FloatBuffer xb = NdIo.floats(xd);
            FloatBuffer sb = NdIo.floats(spikes);
            FloatBuffer mb = membrane == null ? null : NdIo.floats(membrane);
            FloatBuffer vb = NdIo.floats(vFinal);
            float decay = (float) config.decay();
            float gain = (float) config.gain();
            float theta = (float) config.threshold();
            forEachChunk(n, (c0, c1) -> LifLoopsF.forward(fn, heaviside, decay, gain, theta, hard, xb, sb,
                    mb, vb, v0, timeSteps, n, c0, c1));
            saved = new CpuLifSaved(config, fn, timeSteps, n, d.dt, xd, xd != x, v0, null, x.shape(),
                    d.vInitShape, d.m);
        } else {
            double[] v0 = vInit == null ? null : NdIo.toDoubles(vInit);
            DoubleBuffer xb = NdIo.doubles(xd);
            DoubleBuffer sb = NdIo.doubles(spikes);
            DoubleBuffer mb = membrane == null ? null : NdIo.doubles(membrane);
            DoubleBuffer vb = NdIo.doubles(vFinal);
            forEachChunk(n, (c0, c1) -> LifLoopsD.forward(fn, heaviside, config.decay(), config.gain(),
                    config.threshold(), hard, xb, sb, mb, vb, v0, timeSteps, n, c0, c1));
            saved = new CpuLifSaved(config, fn, timeSteps, n, d.dt, xd, xd != x, null, v0, x.shape(),
                    d.vInitShape, d.m);
        }
        return new LifForward(spikes, membrane, vFinal, saved);
    }

    @Override
    public LifGradients backward(LifSaved saved, INDArray gradSpikes, INDArray gradVFinal) {
        CpuLifSaved s = checkSaved(saved, gradSpikes, gradVFinal);
        return runBackward(s, gradSpikes, gradVFinal, NdIo.create(s.dataType, s.xShape));
    }

    @Override
    public LifGradients backwardInto(LifSaved saved, INDArray gradSpikes, INDArray gradVFinal,
                                     INDArray gradX) {
        CpuLifSaved s = checkSaved(saved, gradSpikes, gradVFinal);
        NdIo.output("gradX", gradX, s.dataType, (long) s.steps * s.n);
        NdIo.noOverlap("gradX", gradX, "the forward's x", s.x);
        if (gradX != gradSpikes) {
            NdIo.noOverlap("gradX", gradX, "gradSpikes", gradSpikes);
        }
        return runBackward(s, gradSpikes, gradVFinal, gradX);
    }

    private static CpuLifSaved checkSaved(LifSaved saved, INDArray gradSpikes, INDArray gradVFinal) {
        if (!(saved instanceof CpuLifSaved s)) {
            throw new IllegalArgumentException("saved state was not produced by the CPU LIF kernel: "
                    + (saved == null ? "null" : saved.getClass().getName()));
        }
        NdIo.sameType("gradSpikes", gradSpikes, s.dataType);
        NdIo.length("gradSpikes", gradSpikes, (long) s.steps * s.n);
        if (gradVFinal != null) {
            NdIo.sameType("gradVFinal", gradVFinal, s.dataType);
            NdIo.length("gradVFinal", gradVFinal, s.n);
        }
        s.guard.check();
        return s;
    }

    private LifGradients runBackward(CpuLifSaved s, INDArray gradSpikes, INDArray gradVFinal,
                                     INDArray gradX) {
        int n = s.n;
        int steps = s.steps;
        DataType dt = s.dataType;
        LifConfig c = s.config;
        boolean hard = c.resetMode() == ResetMode.HARD;
        boolean detach = c.detachReset();
        boolean heaviside = s.heaviside;
        // strict Heaviside + triangle surrogate (TET's default): the loops inline the surrogate
        boolean triangle = heaviside && ((HeavisideSpike) s.spike).surrogate() instanceof TriangleSurrogate;
        double gamma = triangle ? ((TriangleSurrogate) ((HeavisideSpike) s.spike).surrogate()).gamma() : 1.0;
        INDArray gsd = NdIo.dense(gradSpikes);
        INDArray gvfd = gradVFinal == null ? null : NdIo.dense(gradVFinal);
        double[] gradV0Full = null;
        if (dt == DataType.FLOAT) {
            float[] gv0 = s.vInitShape == null ? null : new float[n];
            FloatBuffer xb = NdIo.floats(s.x);
            FloatBuffer gsb = NdIo.floats(gsd);
            FloatBuffer gvfb = gvfd == null ? null : NdIo.floats(gvfd);
            FloatBuffer gxb = NdIo.floats(gradX);
            float decay = (float) c.decay();
            float gain = (float) c.gain();
            float theta = (float) c.threshold();
            float triGamma = (float) gamma;
            float triInv = (float) (1.0 / (gamma * gamma));
            forEachChunk(n, (c0, c1) -> LifLoopsF.backward(s.spike, heaviside, triangle, triGamma, triInv,
                    decay, gain, theta, hard, detach, xb, s.v0Float, gsb, gvfb, gxb, gv0, steps, n, c0, c1));
            if (gv0 != null) {
                gradV0Full = new double[n];
                for (int i = 0; i < n; i++) {
                    gradV0Full[i] = gv0[i];
                }
            }
        } else {
            double[] gv0 = s.vInitShape == null ? null : new double[n];
            DoubleBuffer xb = NdIo.doubles(s.x);
            DoubleBuffer gsb = NdIo.doubles(gsd);
            DoubleBuffer gvfb = gvfd == null ? null : NdIo.doubles(gvfd);
            DoubleBuffer gxb = NdIo.doubles(gradX);
            double triInv = 1.0 / (gamma * gamma);
            forEachChunk(n, (c0, c1) -> LifLoopsD.backward(s.spike, heaviside, triangle, gamma, triInv,
                    c.decay(), c.gain(), c.threshold(), hard, detach, xb, s.v0Double, gsb, gvfb, gxb, gv0,
                    steps, n, c0, c1));
            gradV0Full = gv0;
        }
        INDArray gradVInit = null;
        if (gradV0Full != null) {
            gradVInit = NdIo.fromDoubles(dt, sumOverBatch(gradV0Full, s.vInitLength), s.vInitShape);
        }
        return new LifGradients(gradX, gradVInit);
    }

    /** {@code out[k] = Σ_{n % m == k} full[n]}, summed in a fixed order (deterministic). */
    static double[] sumOverBatch(double[] full, int m) {
        if (full.length == m) {
            return full;
        }
        double[] out = new double[m];
        for (int i = 0; i < full.length; i++) {
            out[i % m] += full[i];
        }
        return out;
    }

    private static float[] toFloats(INDArray a) {
        INDArray d = NdIo.dense(a);
        float[] f = new float[(int) d.length()];
        NdIo.floats(d).get(0, f, 0, f.length);
        return f;
    }

    /** Column range worker. */
    interface ChunkBody {
        void run(int c0, int c1);
    }

    /** Runs {@code body} over [0, n), split into BLOCK-aligned chunks over the common pool when parallel. */
    void forEachChunk(int n, ChunkBody body) {
        int blocks = (n + LifLoopsF.BLOCK - 1) / LifLoopsF.BLOCK;
        int workers = parallel ? Math.min(blocks, 4 * Runtime.getRuntime().availableProcessors()) : 1;
        if (workers <= 1) {
            body.run(0, n);
            return;
        }
        int per = (blocks + workers - 1) / workers;
        IntStream.range(0, workers).parallel().forEach(w -> {
            int c0 = w * per * LifLoopsF.BLOCK;
            int c1 = Math.min(n, (w + 1) * per * LifLoopsF.BLOCK);
            if (c0 < c1) {
                body.run(c0, c1);
            }
        });
    }
}
