package io.snn4j.neurons.kernel;

import java.nio.FloatBuffer;

/**
 * Single-precision inner loops of the fused LM-H kernel (Hao et al., ICLR 2024; docs/spec.md §4), laid out
 * like {@link LifLoopsF}: cache-sized column blocks run through all T steps, rows moved with bulk
 * NIO get/put, plain (C2-vectorisable) loops with no per-element interface calls.
 *
 * <p>Nothing {@code [T, N]} is stored for backward: backward re-reads x and recomputes vD, mS and
 * the post-reset vS of one column block for all T steps (the same float expressions in the same
 * order as forward, so bit-identical to storing them). Parameter gradients are summed per column
 * lane in float over the T steps of a block, then per lane in double over blocks, then over lanes;
 * they are summed in their own loops after the gradient loop (folded into it, C2 left the loop
 * scalar: backward 81 → 40 ms at T = 8, N = 2^20).
 */
final class LmhLoopsF {

    /** Columns per forward block: 1024 floats = 4 KiB per row. */
    static final int BLOCK = 1024;

    /** Floats of recomputed state per backward block (3 rows per step): 96 Ki floats = 384 KiB. */
    static final int SCRATCH = 3 << 15;

    private LmhLoopsF() {
    }

    /** Columns per backward block for T steps: ≤ BLOCK, 3·(T+1)·cols ≤ SCRATCH, a multiple of 16. */
    static int backwardBlock(int steps) {
        int cols = Math.min(BLOCK, SCRATCH / (3 * (steps + 1)));
        return Math.max(16, cols & ~15);
    }

    /** v[i] = init[(b0 + i) % m] for m = init.length (the full state when m = n), or fill when null. */
    static void initState(float[] v, float[] init, float fill, int b0, int len) {
        if (init == null) {
            java.util.Arrays.fill(v, 0, len, fill);
        } else if (b0 + len <= init.length) {
            System.arraycopy(init, b0, v, 0, len);
        } else {
            int m = init.length;
            for (int i = 0; i < len; i++) {
                v[i] = init[(b0 + i) % m];
            }
        }
    }

    /**
     * One step for a row: {@code vD = μD·vd + μS·vs + x}, {@code mS = λS·vs + λD·vD},
     * {@code o = θ·f(mS − θ)}, {@code vS = mS − o}. With {@code heaviside} the strict step is inlined
     * ({@link LifLoopsF#step}, equal to {@link HeavisideSpike#fire}); else {@code fn.fire} fills ss.
     * Reads vd/vs (the previous state) and x; writes dOut, mOut, sOut (the θ-scaled spike) and
     * vsOut; dOut/vsOut may alias vd/vs.
     */
    static void step(SpikeFunction fn, boolean heaviside, float muD, float muS, float lamS, float lamD,
                     float theta, float[] vd, float[] vs, float[] x, float[] dOut, float[] mOut,
                     float[] sOut, float[] vsOut, int len) {
        if (heaviside) {
            for (int i = 0; i < len; i++) {
                float s = vs[i];
                float d = muD * vd[i] + muS * s + x[i];
                float m = lamS * s + lamD * d;
                float o = theta * LifLoops.step(m - theta);
                dOut[i] = d;
                mOut[i] = m;
                sOut[i] = o;
                vsOut[i] = m - o;
            }
            return;
        }
        for (int i = 0; i < len; i++) {
            float s = vs[i];
            float d = muD * vd[i] + muS * s + x[i];
            dOut[i] = d;
            mOut[i] = lamS * s + lamD * d;
        }
        fn.fire(mOut, 0, theta, sOut, 0, len);
        for (int i = 0; i < len; i++) {
            float o = theta * sOut[i];
            sOut[i] = o;
            vsOut[i] = mOut[i] - o;
        }
    }

    /**
     * Forward over all columns: writes o (and mS when membrane is not null) and the final vD, vS.
     *
     * @return the number of spikes (o / θ summed)
     */
    static double forward(SpikeFunction fn, boolean heaviside, float muD, float muS, float lamS, float lamD,
                        float theta, FloatBuffer x, FloatBuffer o, FloatBuffer membrane, FloatBuffer vDFinal,
                        FloatBuffer vSFinal, float[] vD0, float[] vS0, int steps, int n) {
        float[] vd = new float[BLOCK];
        float[] vs = new float[BLOCK];
        float[] xs = new float[BLOCK];
        float[] ms = new float[BLOCK];
        float[] ss = new float[BLOCK];
        float[] count = new float[BLOCK];
        float vsFill = theta / 2f;
        double total = 0;
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int len = Math.min(BLOCK, n - b0);
            initState(vd, vD0, 0f, b0, len);
            initState(vs, vS0, vsFill, b0, len);
            java.util.Arrays.fill(count, 0, len, 0f);
            for (int t = 0; t < steps; t++) {
                int off = t * n + b0;
                x.get(off, xs, 0, len);
                step(fn, heaviside, muD, muS, lamS, lamD, theta, vd, vs, xs, vd, ms, ss, vs, len);
                for (int i = 0; i < len; i++) {
                    count[i] += ss[i];
                }
                o.put(off, ss, 0, len);
                if (membrane != null) {
                    membrane.put(off, ms, 0, len);
                }
            }
            vDFinal.put(b0, vd, 0, len);
            vSFinal.put(b0, vs, 0, len);
            for (int i = 0; i < len; i++) {
                total += count[i];
            }
        }
        return total / theta;
    }

    /**
     * Backward over all columns: recomputes the block's states from x, writes dL/dx, the per-neuron
     * dL/dvD[-1] and dL/dvS[-1] into gradVD0/gradVS0 (length n, or null when not wanted), and
     * returns the sums {dL/dμD, dL/dμS, dL/dλS, dL/dλD} in double. The surrogate row comes from
     * {@code fn.grad} (for the production spike, the surrogate's own vectorised bulk loop).
     */
    static double[] backward(SpikeFunction fn, boolean heaviside, float muD, float muS, float lamS, float lamD, float theta,
                             FloatBuffer x, float[] vD0, float[] vS0, FloatBuffer gradO, FloatBuffer gradVDFinal,
                             FloatBuffer gradVSFinal, FloatBuffer gradX, float[] gradVD0, float[] gradVS0,
                             int steps, int n) {
        int bw = backwardBlock(steps);
        // row t + 1 holds the state after step t; row 0 the initial state (one array per row: C2
        // vectorises loops that index every row at i)
        float[][] vd = new float[steps + 1][bw];
        float[][] vs = new float[steps + 1][bw];
        float[][] ms = new float[steps][bw];
        float[] xs = new float[bw];
        float[] ss = new float[bw];
        float[] go = new float[bw];
        float[] gg = new float[bw];
        float[] gvr = new float[bw];
        float[] gmr = new float[bw];
        float[] aD = new float[bw];
        float[] aS = new float[bw];
        float[] accMuD = new float[bw];
        float[] accMuS = new float[bw];
        float[] accLamS = new float[bw];
        float[] accLamD = new float[bw];
        double[] sumMuD = new double[bw];
        double[] sumMuS = new double[bw];
        double[] sumLamS = new double[bw];
        double[] sumLamD = new double[bw];
        float vsFill = theta / 2f;
        float thetaG = theta;
        for (int b0 = 0; b0 < n; b0 += bw) {
            int len = Math.min(bw, n - b0);
            initState(vd[0], vD0, 0f, b0, len);
            initState(vs[0], vS0, vsFill, b0, len);
            for (int t = 0; t < steps; t++) {
                x.get(t * n + b0, xs, 0, len);
                step(fn, heaviside, muD, muS, lamS, lamD, theta, vd[t], vs[t], xs, vd[t + 1], ms[t], ss,
                        vs[t + 1], len);
            }
            if (gradVDFinal == null) {
                java.util.Arrays.fill(aD, 0, len, 0f);
            } else {
                gradVDFinal.get(b0, aD, 0, len);
            }
            if (gradVSFinal == null) {
                java.util.Arrays.fill(aS, 0, len, 0f);
            } else {
                gradVSFinal.get(b0, aS, 0, len);
            }
            java.util.Arrays.fill(accMuD, 0, len, 0f);
            java.util.Arrays.fill(accMuS, 0, len, 0f);
            java.util.Arrays.fill(accLamS, 0, len, 0f);
            java.util.Arrays.fill(accLamD, 0, len, 0f);
            for (int t = steps - 1; t >= 0; t--) {
                int off = t * n + b0;
                gradO.get(off, go, 0, len);
                float[] m = ms[t];
                float[] vdPrev = vd[t];
                float[] vsPrev = vs[t];
                float[] vdCur = vd[t + 1];
                fn.grad(m, 0, theta, gg, 0, len);
                for (int i = 0; i < len; i++) {
                    float gm = go[i] * thetaG * gg[i] + aS[i];
                    float gvd = aD[i] + lamD * gm;
                    gvr[i] = gvd;
                    gmr[i] = gm;
                    aD[i] = muD * gvd;
                    aS[i] = muS * gvd + lamS * gm;
                }
                for (int i = 0; i < len; i++) {
                    accMuD[i] += gvr[i] * vdPrev[i];
                    accMuS[i] += gvr[i] * vsPrev[i];
                }
                for (int i = 0; i < len; i++) {
                    accLamS[i] += gmr[i] * vsPrev[i];
                    accLamD[i] += gmr[i] * vdCur[i];
                }
                gradX.put(off, gvr, 0, len);
            }
            for (int i = 0; i < len; i++) {
                sumMuD[i] += accMuD[i];
                sumMuS[i] += accMuS[i];
                sumLamS[i] += accLamS[i];
                sumLamD[i] += accLamD[i];
            }
            if (gradVD0 != null) {
                System.arraycopy(aD, 0, gradVD0, b0, len);
                System.arraycopy(aS, 0, gradVS0, b0, len);
            }
        }
        double dMuD = 0;
        double dMuS = 0;
        double dLamS = 0;
        double dLamD = 0;
        for (int i = 0; i < bw; i++) {
            dMuD += sumMuD[i];
            dMuS += sumMuS[i];
            dLamS += sumLamS[i];
            dLamD += sumLamD[i];
        }
        return new double[] {dMuD, dMuS, dLamS, dLamD};
    }
}
