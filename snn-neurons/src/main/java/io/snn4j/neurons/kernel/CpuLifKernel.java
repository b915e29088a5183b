package io.snn4j.neurons.kernel;

import java.nio.FloatBuffer;

import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.ResetMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CPU implementation of the fused LIF kernel (docs/spec.md §2; TET eq. 1–3; IMP v0 of Shen et al.
 * NeurIPS 2024): FLOAT, blocked over neurons (column chunks on {@link KernelThreads} when
 * parallel), sequential over time; the loops are {@link LifLoops}.
 */
final class CpuLifKernel implements LifKernel {

    private final boolean parallel;

    CpuLifKernel(boolean parallel) {
        this.parallel = parallel;
    }

    @Override
    public boolean supports(LifConfig config, DataType type) {
        return type == DataType.FLOAT;
    }

    @Override
    public LifForward forward(LifConfig config, INDArray x, INDArray vInit, boolean keepMembrane) {
        if (x == null || x.rank() < 1 || x.length() == 0) {
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
        INDArray spikes = NdIo.create(DataType.FLOAT, xShape);
        INDArray membrane = keepMembrane ? NdIo.create(DataType.FLOAT, xShape) : null;
        INDArray vFinal = NdIo.create(DataType.FLOAT, NdIo.stepShape(xShape, timeSteps, d.n));
        return run(config, x, timeSteps, vInit, d, spikes, membrane, vFinal);
    }

    @Override
    public LifForward forwardSpikes(LifConfig config, INDArray x, int timeSteps, INDArray vInit) {
        Dims d = validate(config, x, timeSteps, vInit);
        return run(config, x, timeSteps, vInit, d, NdIo.create(DataType.FLOAT, x.shape()), null, null);
    }

    @Override
    public LifForward forwardInto(LifConfig config, INDArray x, int timeSteps, INDArray vInit,
                                  INDArray spikes, INDArray membrane, INDArray vFinal) {
        Dims d = validate(config, x, timeSteps, vInit);
        long total = (long) timeSteps * d.n;
        NdIo.output("spikes", spikes, DataType.FLOAT, total);
        NdIo.noOverlap("spikes", spikes, "x", x);
        if (membrane != null) {
            NdIo.output("membrane", membrane, DataType.FLOAT, total);
            NdIo.noOverlap("membrane", membrane, "x", x);
            NdIo.noOverlap("membrane", membrane, "spikes", spikes);
        }
        if (vFinal == null) {
            vFinal = NdIo.create(DataType.FLOAT, NdIo.stepShape(x.shape(), timeSteps, d.n));
        } else {
            NdIo.output("vFinal", vFinal, DataType.FLOAT, d.n);
            NdIo.noOverlap("vFinal", vFinal, "x", x);
            NdIo.noOverlap("vFinal", vFinal, "spikes", spikes);
        }
        return run(config, x, timeSteps, vInit, d, spikes, membrane, vFinal);
    }

    /** Validated sizes of one forward call. */
    private record Dims(int n, long[] vInitShape) {
    }

    private static Dims validate(LifConfig config, INDArray x, int timeSteps, INDArray vInit) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        DataType dt = NdIo.floatingType("x", x);
        if (dt != DataType.FLOAT) {
            throw new IllegalArgumentException("the CPU LIF kernel runs FLOAT arrays, x is " + dt
                    + " (DOUBLE runs on the generic path of io.snn4j.neurons.Lif, which LifNeuron picks)");
        }
        if (timeSteps <= 0 || x.length() % timeSteps != 0) {
            throw new IllegalArgumentException("timeSteps " + timeSteps + " does not divide x length "
                    + x.length());
        }
        int total = NdIo.checkedSize(x.length());
        int n = total / timeSteps;
        long[] vInitShape = null;
        if (vInit != null) {
            NdIo.sameType("vInit", vInit, dt);
            long len = vInit.length();
            if (len <= 0 || n % len != 0) {
                throw new IllegalArgumentException("vInit length " + len + " does not divide N = " + n
                        + " (neurons per time step)");
            }
            vInitShape = vInit.shape();
        }
        return new Dims(n, vInitShape);
    }

    private static LifLoops.Coefs coefs(LifConfig c) {
        return LifLoops.Coefs.of(c.decay(), c.gain(), c.threshold(), c.resetMode() == ResetMode.HARD,
                c.detachReset());
    }

    private LifForward run(LifConfig config, INDArray x, int timeSteps, INDArray vInit, Dims d,
                           INDArray spikes, INDArray membrane, INDArray vFinal) {
        int n = d.n;
        INDArray xd = NdIo.dense(x);
        float[] v0 = vInit == null ? null : toFloats(vInit);
        FloatBuffer xb = NdIo.floats(xd);
        FloatBuffer sb = NdIo.floats(spikes);
        FloatBuffer mb = membrane == null ? null : NdIo.floats(membrane);
        FloatBuffer vb = vFinal == null ? null : NdIo.floats(vFinal);
        LifLoops.Coefs c = coefs(config);
        double count = KernelThreads.forEachChunk(parallel, n, timeSteps, LifLoops.ALIGN,
                (c0, c1) -> LifLoops.forward(c, xb, sb, mb, vb, v0, timeSteps, n, c0, c1));
        CpuLifSaved saved = new CpuLifSaved(config, timeSteps, n, xd, xd != x, v0, x.shape(), d.vInitShape);
        return new LifForward(spikes, membrane, vFinal, saved, count);
    }

    @Override
    public LifGradients backward(LifSaved saved, INDArray gradSpikes, INDArray gradVFinal) {
        CpuLifSaved s = checkSaved(saved, gradSpikes, gradVFinal);
        return runBackward(s, gradSpikes, gradVFinal, NdIo.create(DataType.FLOAT, s.xShape));
    }

    @Override
    public LifGradients backwardInto(LifSaved saved, INDArray gradSpikes, INDArray gradVFinal,
                                     INDArray gradX) {
        CpuLifSaved s = checkSaved(saved, gradSpikes, gradVFinal);
        NdIo.output("gradX", gradX, DataType.FLOAT, (long) s.steps * s.n);
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
        NdIo.sameType("gradSpikes", gradSpikes, DataType.FLOAT);
        NdIo.length("gradSpikes", gradSpikes, (long) s.steps * s.n);
        if (gradVFinal != null) {
            NdIo.sameType("gradVFinal", gradVFinal, DataType.FLOAT);
            NdIo.length("gradVFinal", gradVFinal, s.n);
        }
        s.guard.check();
        return s;
    }

    private LifGradients runBackward(CpuLifSaved s, INDArray gradSpikes, INDArray gradVFinal,
                                     INDArray gradX) {
        int n = s.n;
        int steps = s.steps;
        LifConfig config = s.config;
        INDArray gsd = NdIo.dense(gradSpikes);
        INDArray gvfd = gradVFinal == null ? null : NdIo.dense(gradVFinal);
        float[] gv0 = s.vInitShape == null ? null : new float[n];
        FloatBuffer xb = NdIo.floats(s.x);
        FloatBuffer gsb = NdIo.floats(gsd);
        FloatBuffer gvfb = gvfd == null ? null : NdIo.floats(gvfd);
        FloatBuffer gxb = NdIo.floats(gradX);
        LifLoops.Coefs c = coefs(config);
        KernelThreads.forEachChunk(parallel, n, steps, LifLoops.ALIGN, (c0, c1) -> {
            LifLoops.backward(c, config.surrogate(), xb, s.v0, gsb, gvfb, gxb, gv0, steps, n, c0, c1);
            return 0;
        });
        INDArray gradVInit = null;
        if (gv0 != null) {
            double[] full = new double[n];
            for (int i = 0; i < n; i++) {
                full[i] = gv0[i];
            }
            gradVInit = NdIo.fromDoubles(DataType.FLOAT, sumOverBatch(full, s.v0.length), s.vInitShape);
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
}
