package io.snn4j.neurons.kernel;

import java.nio.FloatBuffer;

/**
 * Single-precision inner loops of the fused MPE-PSN kernel (Chen et al.; docs/spec.md §5), laid out like
 * {@link LifLoopsF}: column blocks, rows moved with bulk NIO get/put, plain (C2-vectorisable)
 * loops. The mask is used as {@code keep = 1 − B} (exactly 0 or 1), so {@code vhat = keep·x}
 * needs no branch. Nothing is saved: backward re-reads x and the mask (the caller's arrays) and
 * recomputes hhat with the forward's float expressions (bit-identical).
 *
 * <p>The squared-error sums of the membrane loss and the θ gradient are accumulated per column
 * lane in float over one block, then per lane in double, then over lanes (float error bounded by
 * the few terms of one block).
 */
final class MpePsnLoopsF {

    /** Columns per block: 1024 floats = 4 KiB per row. */
    static final int BLOCK = 1024;

    private MpePsnLoopsF() {
    }

    /**
     * {@code keep[i] = 1 − m[i]}, and {@code bad[i] += |m·(1 − m)|} when bad is not null (stays 0 iff
     * every m is 0 or 1; a per-lane sum, since a scalar float reduction keeps C2 from vectorising).
     */
    static void keep(float[] m, float[] keep, float[] bad, int len) {
        if (bad == null) {
            for (int i = 0; i < len; i++) {
                keep[i] = 1f - m[i];
            }
            return;
        }
        for (int i = 0; i < len; i++) {
            float v = m[i];
            keep[i] = 1f - v;
            bad[i] += Math.abs(v * (1f - v));
        }
    }

    /** Throws naming the first mask element that is not 0 or 1 (called once bad lanes were seen). */
    static void badMask(String name, FloatBuffer mask, int total) {
        float[] row = new float[BLOCK];
        for (int o = 0; o < total; o += BLOCK) {
            int len = Math.min(BLOCK, total - o);
            mask.get(o, row, 0, len);
            for (int i = 0; i < len; i++) {
                if (row[i] != 0f && row[i] != 1f) {
                    throw new IllegalArgumentException(name + " must hold only 0 and 1, got " + row[i]
                            + " at index " + (o + i));
                }
            }
        }
    }

    /** {@code hh = τ·keepPrev·xPrev + x} (for t > 0; the forward's and backward's shared expression). */
    static void estimate(float tau, float[] keepPrev, float[] xPrev, float[] x, float[] hh, int len) {
        for (int i = 0; i < len; i++) {
            hh[i] = tau * (keepPrev[i] * xPrev[i]) + x[i];
        }
    }

    /**
     * Forward over all columns: writes the spikes (and hhat when membrane is not null) and returns
     * Σ_n (vhat − v)² per step, in double.
     */
    static double[] forward(SpikeFunction fn, boolean heaviside, float tau, float theta, FloatBuffer x,
                            FloatBuffer mask, FloatBuffer spikes, FloatBuffer membrane, int steps, int n,
                            String maskName, double[] spikeCount) {
        float[] count = new float[BLOCK];
        float[] xs = new float[BLOCK];
        float[] xPrev = new float[BLOCK];
        float[] ms = new float[BLOCK];
        float[] keep = new float[BLOCK];
        float[] keepPrev = new float[BLOCK];
        float[] hh = new float[BLOCK];
        float[] ss = new float[BLOCK];
        float[] a = new float[BLOCK];
        float[] bad = new float[BLOCK];
        double[][] lanes = new double[steps][BLOCK];
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int len = Math.min(BLOCK, n - b0);
            for (int t = 0; t < steps; t++) {
                int off = t * n + b0;
                x.get(off, xs, 0, len);
                mask.get(off, ms, 0, len);
                keep(ms, keep, bad, len);
                float[] hr;
                if (t == 0) {
                    hr = xs;
                } else {
                    estimate(tau, keepPrev, xPrev, xs, hh, len);
                    hr = hh;
                }
                if (heaviside) {
                    for (int i = 0; i < len; i++) {
                        float h = hr[i];
                        float s = LifLoops.step(h - theta);
                        ss[i] = s;
                        float d = keep[i] * xs[i] - (1f - s) * h;
                        a[i] = d * d;
                    }
                } else {
                    fn.fire(hr, 0, theta, ss, 0, len);
                    for (int i = 0; i < len; i++) {
                        float d = keep[i] * xs[i] - (1f - ss[i]) * hr[i];
                        a[i] = d * d;
                    }
                }
                double[] l = lanes[t];
                for (int i = 0; i < len; i++) {
                    l[i] += a[i];
                    count[i] += ss[i];
                }
                spikes.put(off, ss, 0, len);
                if (membrane != null) {
                    membrane.put(off, hr, 0, len);
                }
                float[] tmp = xPrev;
                xPrev = xs;
                xs = tmp;
                tmp = keepPrev;
                keepPrev = keep;
                keep = tmp;
            }
        }
        float badSum = 0f;
        for (int i = 0; i < BLOCK; i++) {
            badSum += bad[i];
        }
        if (badSum != 0f) {
            badMask(maskName, mask, steps * n);
        }
        double spikesTotal = 0;
        for (int i = 0; i < BLOCK; i++) {
            spikesTotal += count[i];
        }
        spikeCount[0] = spikesTotal;
        double[] sumSq = new double[steps];
        for (int t = 0; t < steps; t++) {
            double sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += lanes[t][i];
            }
            sumSq[t] = sum;
        }
        return sumSq;
    }

    /**
     * Backward over all columns: writes dL/dx and returns dL/dθ (in double). {@code k[t]} is
     * {@code dL/dmemLoss·2·coef[t]/(T·N)}. {@code fn.fire}/{@code fn.grad} fill a row first (for the
     * production spike, the surrogate's own vectorised bulk loop).
     */
    static double backward(SpikeFunction fn, boolean heaviside,
                           float tau, float theta, float[] k, FloatBuffer x, FloatBuffer mask,
                           FloatBuffer gradSpikes, FloatBuffer gradX, int steps, int n) {
        float[] xs = new float[BLOCK];
        float[] xPrev = new float[BLOCK];
        float[] ms = new float[BLOCK];
        float[] keep = new float[BLOCK];
        float[] keepPrev = new float[BLOCK];
        float[] hh = new float[BLOCK];
        float[] ss = new float[BLOCK];
        float[] gg = new float[BLOCK];
        float[] gs = new float[BLOCK];
        float[] gx = new float[BLOCK];
        float[] carry = new float[BLOCK];
        float[] gt = new float[BLOCK];
        float[] accTheta = new float[BLOCK];
        double[] sumTheta = new double[BLOCK];
        for (int b0 = 0; b0 < n; b0 += BLOCK) {
            int len = Math.min(BLOCK, n - b0);
            java.util.Arrays.fill(carry, 0, len, 0f);
            java.util.Arrays.fill(accTheta, 0, len, 0f);
            int top = (steps - 1) * n + b0;
            x.get(top, xs, 0, len);
            mask.get(top, ms, 0, len);
            keep(ms, keep, null, len);
            for (int t = steps - 1; t >= 0; t--) {
                int off = t * n + b0;
                float[] hr;
                if (t == 0) {
                    hr = xs;
                } else {
                    x.get(off - n, xPrev, 0, len);
                    mask.get(off - n, ms, 0, len);
                    keep(ms, keepPrev, null, len);
                    estimate(tau, keepPrev, xPrev, xs, hh, len);
                    hr = hh;
                }
                gradSpikes.get(off, gs, 0, len);
                float kt = k[t];
                fn.fire(hr, 0, theta, ss, 0, len);
                fn.grad(hr, 0, theta, gg, 0, len);
                for (int i = 0; i < len; i++) {
                    float h = hr[i];
                    float g = gg[i];
                    float ns = 1f - ss[i];
                    float kp = keep[i];
                    float gd = kt * (kp * xs[i] - ns * h);
                    float ghh = gs[i] * g - gd * (ns - h * g);
                    gt[i] = g * (gs[i] + gd * h);
                    gx[i] = ghh + kp * (gd + carry[i]);
                    carry[i] = tau * ghh;
                }
                for (int i = 0; i < len; i++) {
                    accTheta[i] -= gt[i];
                }
                gradX.put(off, gx, 0, len);
                float[] tmp = xs;
                xs = xPrev;
                xPrev = tmp;
                tmp = keep;
                keep = keepPrev;
                keepPrev = tmp;
            }
            for (int i = 0; i < len; i++) {
                sumTheta[i] += accTheta[i];
            }
        }
        double gTheta = 0;
        for (int i = 0; i < BLOCK; i++) {
            gTheta += sumTheta[i];
        }
        return gTheta;
    }
}
