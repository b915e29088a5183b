package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.surrogate.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;

/**
 * CPU implementation of the fused LM-H kernel (Hao et al., ICLR 2024; docs/spec.md §4), blocked over
 * neurons and sequential over time. FLOAT arrays run in float ({@link LmhLoopsF}: nothing
 * {@code [T, N]} saved, backward recomputes the states from x); DOUBLE arrays run in double and
 * save vD and mS (16 bytes per element), the exact path the finite-difference checks use.
 *
 * <p>BPTT (derived by hand; aD = dL/dvD[t], aS = dL/dvS[t] arriving from step t+1, gradient of
 * the reset's o stopped): {@code gm = go·θ·g'(mS − θ) + aS}, {@code gvD = aD + λD·gm},
 * {@code dL/dx[t] = gvD}, then {@code aD ← μD·gvD}, {@code aS ← μS·gvD + λS·gm}; parameter sums
 * {@code dμD += gvD·vD[t−1]}, {@code dμS += gvD·vS[t−1]}, {@code dλS += gm·vS[t−1]},
 * {@code dλD += gm·vD[t]}, then through the sigmoids.
 */
final class CpuLmhKernel implements LmhKernel {

    private static final int BLOCK = 512;

    private final Function<Surrogate, SpikeFunction> spikeFunctions;

    CpuLmhKernel(Function<Surrogate, SpikeFunction> spikeFunctions) {
        this.spikeFunctions = spikeFunctions;
    }

    @Override
    public LmhForward forward(LmhConfig config, LmhParams params, INDArray x, INDArray vD0,
                              INDArray vS0, boolean keepMembrane) {
        if (config == null || params == null) {
            throw new IllegalArgumentException("config and params must not be null");
        }
        DataType dt = NdIo.floatingType("x", x);
        if (x.rank() < 1 || x.length() == 0) {
            throw new IllegalArgumentException("x must be non-empty with a leading time dimension");
        }
        int total = NdIo.checkedSize(x.length());
        int steps = (int) x.size(0);
        int n = total / steps;
        if (dt == DataType.FLOAT) {
            return forwardFloat(config, params, x, vD0, vS0, keepMembrane, steps, n);
        }
        double theta = config.threshold();
        double[] d0 = NdIo.initialState("vD0", vD0, dt, n, 0.0);
        double[] s0 = NdIo.initialState("vS0", vS0, dt, n, theta / 2.0);
        long[] xShape = x.shape();
        long[] stepShape = NdIo.stepShape(xShape, steps, n);
        INDArray o = NdIo.create(dt, xShape);
        INDArray membrane = keepMembrane ? NdIo.create(dt, xShape) : null;
        INDArray vDFinal = NdIo.create(dt, stepShape);
        INDArray vSFinal = NdIo.create(dt, stepShape);
        DoubleRows xr = DoubleRows.of(NdIo.dense(x));
        DoubleRows or = DoubleRows.of(o);
        DoubleRows mr = membrane == null ? null : DoubleRows.of(membrane);
        DoubleRows vdr = DoubleRows.of(vDFinal);
        DoubleRows vsr = DoubleRows.of(vSFinal);
        SpikeFunction fn = spikeFunctions.apply(config.surrogate());
        double muD = params.muD();
        double muS = params.muS();
        double lamS = params.lambdaS();
        double lamD = params.lambdaD();
        double[] vD = new double[total];
        double[] mS = new double[total];
        double[] vd = new double[BLOCK];
        double[] vs = new double[BLOCK];
        double[] xs = new double[BLOCK];
        double[] ss = new double[BLOCK];
        double count = 0;
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int len = Math.min(BLOCK, n - b0);
            System.arraycopy(d0, b0, vd, 0, len);
            System.arraycopy(s0, b0, vs, 0, len);
            for (int t = 0; t < steps; t++) {
                int off = t * n + b0;
                xr.get(off, xs, 0, len);
                for (int i = 0; i < len; i++) {
                    double d = muD * vd[i] + muS * vs[i] + xs[i];
                    vD[off + i] = d;
                    mS[off + i] = lamS * vs[i] + lamD * d;
                }
                fn.fire(mS, off, theta, ss, 0, len);
                for (int i = 0; i < len; i++) {
                    count += ss[i];
                    vd[i] = vD[off + i];
                    vs[i] = mS[off + i] - theta * ss[i];
                    ss[i] *= theta;
                }
                or.put(off, ss, 0, len);
                if (mr != null) {
                    mr.put(off, mS, off, len);
                }
            }
            vdr.put(b0, vd, 0, len);
            vsr.put(b0, vs, 0, len);
        }
        CpuLmhSaved saved = new CpuLmhSaved(config, params, fn, steps, n, dt, vD, mS, d0, s0, xShape,
                vD0 == null ? null : vD0.shape(), vS0 == null ? null : vS0.shape());
        return new LmhForward(o, membrane, vDFinal, vSFinal, saved, count);
    }

    @Override
    public LmhGradients backward(LmhSaved saved, INDArray gradO, INDArray gradVDFinal,
                                 INDArray gradVSFinal) {
        if (saved instanceof CpuLmhSavedF f) {
            f.guard.check();
            return backwardFloat(f, gradO, gradVDFinal, gradVSFinal);
        }
        if (!(saved instanceof CpuLmhSaved s)) {
            throw new IllegalArgumentException("saved state was not produced by the CPU LM-H kernel: "
                    + (saved == null ? "null" : saved.getClass().getName()));
        }
        int n = s.n;
        int steps = s.steps;
        DataType dt = s.dataType;
        NdIo.sameType("gradO", gradO, dt);
        NdIo.length("gradO", gradO, (long) steps * n);
        DoubleRows gor = DoubleRows.of(NdIo.dense(gradO));
        DoubleRows gdf = finalGrad("gradVDFinal", gradVDFinal, dt, n);
        DoubleRows gsf = finalGrad("gradVSFinal", gradVSFinal, dt, n);
        INDArray gradX = NdIo.create(dt, s.xShape);
        DoubleRows gxr = DoubleRows.of(gradX);
        double theta = s.config.threshold();
        LmhParams p = s.params;
        double muD = p.muD();
        double muS = p.muS();
        double lamS = p.lambdaS();
        double lamD = p.lambdaD();
        double[] vD = s.vD;
        double[] mS = s.mS;
        double[] gradVD0 = new double[n];
        double[] gradVS0 = new double[n];
        double[] aD = new double[BLOCK];
        double[] aS = new double[BLOCK];
        double[] go = new double[BLOCK];
        double[] gg = new double[BLOCK];
        double[] sp = new double[BLOCK];
        double[] gx = new double[BLOCK];
        double dMuD = 0;
        double dMuS = 0;
        double dLamS = 0;
        double dLamD = 0;
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int len = Math.min(BLOCK, n - b0);
            fillFrom(gdf, aD, b0, len);
            fillFrom(gsf, aS, b0, len);
            for (int t = steps - 1; t >= 0; t--) {
                int off = t * n + b0;
                gor.get(off, go, 0, len);
                s.spike.grad(mS, off, theta, gg, 0, len);
                if (t > 0) {
                    s.spike.fire(mS, off - n, theta, sp, 0, len);
                }
                for (int i = 0; i < len; i++) {
                    double vdPrev;
                    double vsPrev;
                    if (t > 0) {
                        vdPrev = vD[off - n + i];
                        vsPrev = mS[off - n + i] - theta * sp[i];
                    } else {
                        vdPrev = s.vD0[b0 + i];
                        vsPrev = s.vS0[b0 + i];
                    }
                    double gm = go[i] * theta * gg[i] + aS[i];
                    double gvd = aD[i] + lamD * gm;
                    gx[i] = gvd;
                    dMuD += gvd * vdPrev;
                    dMuS += gvd * vsPrev;
                    dLamS += gm * vsPrev;
                    dLamD += gm * vD[off + i];
                    aD[i] = muD * gvd;
                    aS[i] = muS * gvd + lamS * gm;
                }
                gxr.put(off, gx, 0, len);
            }
            System.arraycopy(aD, 0, gradVD0, b0, len);
            System.arraycopy(aS, 0, gradVS0, b0, len);
        }
        INDArray gD0 = s.vD0Shape == null ? null : NdIo.fromDoubles(dt,
                CpuLifKernel.sumOverBatch(gradVD0, (int) lengthOf(s.vD0Shape)), s.vD0Shape);
        INDArray gS0 = s.vS0Shape == null ? null : NdIo.fromDoubles(dt,
                CpuLifKernel.sumOverBatch(gradVS0, (int) lengthOf(s.vS0Shape)), s.vS0Shape);
        return new LmhGradients(gradX,
                dMuD * LmhParams.sigmoidGrad(p.a1()), dMuS * LmhParams.sigmoidGrad(p.b1()),
                dLamS * LmhParams.sigmoidGrad(p.a2()), dLamD * LmhParams.sigmoidGrad(p.b2()),
                gD0, gS0);
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

    private static DoubleRows finalGrad(String name, INDArray g, DataType dt, int n) {
        if (g == null) {
            return null;
        }
        NdIo.sameType(name, g, dt);
        NdIo.length(name, g, n);
        return DoubleRows.of(NdIo.dense(g));
    }

    private static void fillFrom(DoubleRows rows, double[] dst, int b0, int len) {
        if (rows == null) {
            java.util.Arrays.fill(dst, 0, len, 0.0);
        } else {
            rows.get(b0, dst, 0, len);
        }
    }

    static long lengthOf(long[] shape) {
        long l = 1;
        for (long d : shape) {
            l *= d;
        }
        return l;
    }
}
