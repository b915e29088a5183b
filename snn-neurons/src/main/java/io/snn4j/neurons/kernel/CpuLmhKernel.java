package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.surrogate.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;

/**
 * CPU implementation of the fused LM-H kernel (Hao et al., ICLR 2024; docs/spec.md §4), blocked over
 * neurons and sequential over time, FLOAT only ({@link LmhLoopsF}: nothing {@code [T, N]} saved,
 * backward recomputes the states from x). DOUBLE runs on the unfused path of
 * {@link io.snn4j.neurons.reference.ReferenceLmh} (core autograd ops), which {@link
 * io.snn4j.neurons.LmhNeuron} picks and the tests check this kernel against.
 *
 * <p>BPTT (derived by hand; aD = dL/dvD[t], aS = dL/dvS[t] arriving from step t+1, gradient of
 * the reset's o stopped): {@code gm = go·θ·g'(mS − θ) + aS}, {@code gvD = aD + λD·gm},
 * {@code dL/dx[t] = gvD}, then {@code aD ← μD·gvD}, {@code aS ← μS·gvD + λS·gm}; parameter sums
 * {@code dμD += gvD·vD[t−1]}, {@code dμS += gvD·vS[t−1]}, {@code dλS += gm·vS[t−1]},
 * {@code dλD += gm·vD[t]}, then through the sigmoids.
 */
final class CpuLmhKernel implements LmhKernel {

    private final Function<Surrogate, SpikeFunction> spikeFunctions;

    CpuLmhKernel(Function<Surrogate, SpikeFunction> spikeFunctions) {
        this.spikeFunctions = spikeFunctions;
    }

    @Override
    public boolean supports(DataType type) {
        return type == DataType.FLOAT;
    }

    @Override
    public LmhForward forward(LmhConfig config, LmhParams params, INDArray x, INDArray vD0,
                              INDArray vS0, boolean keepMembrane) {
        if (config == null || params == null) {
            throw new IllegalArgumentException("config and params must not be null");
        }
        DataType dt = NdIo.floatingType("x", x);
        if (dt != DataType.FLOAT) {
            throw new IllegalArgumentException("the CPU LM-H kernel runs FLOAT arrays, x is " + dt
                    + " (DOUBLE runs on the unfused path of io.snn4j.neurons.reference.ReferenceLmh, which LmhNeuron picks)");
        }
        if (x.rank() < 1 || x.length() == 0) {
            throw new IllegalArgumentException("x must be non-empty with a leading time dimension");
        }
        int total = NdIo.checkedSize(x.length());
        int steps = (int) x.size(0);
        int n = total / steps;
        return forwardFloat(config, params, x, vD0, vS0, keepMembrane, steps, n);
    }

    @Override
    public LmhGradients backward(LmhSaved saved, INDArray gradO, INDArray gradVDFinal,
                                 INDArray gradVSFinal) {
        if (!(saved instanceof CpuLmhSavedF f)) {
            throw new IllegalArgumentException("saved state was not produced by the CPU LM-H kernel: "
                    + (saved == null ? "null" : saved.getClass().getName()));
        }
        f.guard.check();
        return backwardFloat(f, gradO, gradVDFinal, gradVSFinal);
    }

    /** FLOAT arrays: float math throughout, nothing [T, N] saved (see {@link LmhLoopsF}). */
    private LmhForward forwardFloat(LmhConfig config, LmhParams params, INDArray x, INDArray vD0,
                                    INDArray vS0, boolean keepMembrane, int steps, int n) {
        float[] d0 = initialStateF("vD0", vD0, n);
        float[] s0 = initialStateF("vS0", vS0, n);
        INDArray xd = NdIo.dense(x);
        long[] xShape = x.shape();
        long[] stepShape = NdIo.stepShape(xShape, steps, n);
        INDArray o = NdIo.create(DataType.FLOAT, xShape);
        INDArray membrane = keepMembrane ? NdIo.create(DataType.FLOAT, xShape) : null;
        INDArray vDFinal = NdIo.create(DataType.FLOAT, stepShape);
        INDArray vSFinal = NdIo.create(DataType.FLOAT, stepShape);
        SpikeFunction fn = spikeFunctions.apply(config.surrogate());
        float theta = (float) config.threshold();
        double count = LmhLoopsF.forward(fn, fn instanceof HeavisideSpike, (float) params.muD(), (float) params.muS(),
                (float) params.lambdaS(), (float) params.lambdaD(), theta, NdIo.floats(xd), NdIo.floats(o),
                membrane == null ? null : NdIo.floats(membrane), NdIo.floats(vDFinal), NdIo.floats(vSFinal),
                d0, s0, steps, n);
        CpuLmhSavedF saved = new CpuLmhSavedF(config, params, fn, steps, n, xd, xd != x, d0, s0, xShape,
                vD0 == null ? null : vD0.shape(), vS0 == null ? null : vS0.shape());
        return new LmhForward(o, membrane, vDFinal, vSFinal, saved, count);
    }

    /** Copy of a FLOAT initial state (length M dividing n), or null for the default fill. */
    private static float[] initialStateF(String name, INDArray init, int n) {
        if (init == null) {
            return null;
        }
        NdIo.sameType(name, init, DataType.FLOAT);
        long m = init.length();
        if (m <= 0 || n % m != 0) {
            throw new IllegalArgumentException(name + " length " + m + " does not divide N = " + n
                    + " (neurons per time step)");
        }
        INDArray d = NdIo.dense(init);
        float[] f = new float[(int) m];
        NdIo.floats(d).get(0, f, 0, f.length);
        return f;
    }

    private LmhGradients backwardFloat(CpuLmhSavedF s, INDArray gradO, INDArray gradVDFinal,
                                       INDArray gradVSFinal) {
        int n = s.n;
        int steps = s.steps;
        DataType dt = DataType.FLOAT;
        NdIo.sameType("gradO", gradO, dt);
        NdIo.length("gradO", gradO, (long) steps * n);
        INDArray god = NdIo.dense(gradO);
        INDArray gdf = finalGradDense("gradVDFinal", gradVDFinal, dt, n);
        INDArray gsf = finalGradDense("gradVSFinal", gradVSFinal, dt, n);
        INDArray gradX = NdIo.create(dt, s.xShape);
        LmhParams p = s.params;
        boolean heaviside = s.spike instanceof HeavisideSpike;
        boolean wantInit = s.vD0Shape != null || s.vS0Shape != null;
        float[] gradVD0 = wantInit ? new float[n] : null;
        float[] gradVS0 = wantInit ? new float[n] : null;
        double[] sums = LmhLoopsF.backward(s.spike, heaviside, (float) p.muD(), (float) p.muS(), (float) p.lambdaS(),
                (float) p.lambdaD(), (float) s.config.threshold(), NdIo.floats(s.x), s.vD0, s.vS0,
                NdIo.floats(god), gdf == null ? null : NdIo.floats(gdf), gsf == null ? null : NdIo.floats(gsf),
                NdIo.floats(gradX), gradVD0, gradVS0, steps, n);
        INDArray gD0 = s.vD0Shape == null ? null : NdIo.fromDoubles(dt,
                CpuLifKernel.sumOverBatch(widen(gradVD0), (int) lengthOf(s.vD0Shape)), s.vD0Shape);
        INDArray gS0 = s.vS0Shape == null ? null : NdIo.fromDoubles(dt,
                CpuLifKernel.sumOverBatch(widen(gradVS0), (int) lengthOf(s.vS0Shape)), s.vS0Shape);
        return new LmhGradients(gradX,
                sums[0] * LmhParams.sigmoidGrad(p.a1()), sums[1] * LmhParams.sigmoidGrad(p.b1()),
                sums[2] * LmhParams.sigmoidGrad(p.a2()), sums[3] * LmhParams.sigmoidGrad(p.b2()),
                gD0, gS0);
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static INDArray finalGradDense(String name, INDArray g, DataType dt, int n) {
        if (g == null) {
            return null;
        }
        NdIo.sameType(name, g, dt);
        NdIo.length(name, g, n);
        return NdIo.dense(g);
    }

    static long lengthOf(long[] shape) {
        long l = 1;
        for (long d : shape) {
            l *= d;
        }
        return l;
    }
}
