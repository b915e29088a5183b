package io.snn4j.neurons.kernel;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * Double-precision inner loops of the fused LIF kernel (SPEC §2; TET eq. 1–3): the neurons are
 * processed in cache-sized column blocks, each run through all T steps while its membrane state
 * stays in L1; the block rows are moved with bulk NIO get/put and computed in plain Java loops.
 *
 * <p>Nothing is stored for backward: backward re-reads x and recomputes the membrane h of one
 * column block for all T steps into an L2-sized scratch (the same double expressions in the same
 * order as forward, so h — and hence s and the gradients — are bit-identical to storing it).
 * That costs one extra read of x instead of a write and a read of a saved [T, N] h buffer.
 *
 * <p>{@code LifLoopsF} is the same code in single precision (keep the two in sync).
 */
final class LifLoopsD {

    /** Columns per forward block (and chunk alignment): 1024 doubles = 8 KiB per scratch row. */
    static final int BLOCK = 1024;

    /** Doubles of recomputed h per backward block (T·columns): 32 Ki doubles = 256 KiB, fits L2. */
    static final int SCRATCH = 1 << 15;

    private LifLoopsD() {
    }

    /**
     * Branch-free strict Heaviside {@code 1[d > 0]} for {@code d = h − θ}, exactly 0 or 1 for every
     * non-NaN d (the smallest positive subnormal times 2^2046 exceeds 1; +0, −0 and negatives clamp to
     * +0). Unlike the sign-bit trick or a ternary it is built from multiply/min/max only, which C2
     * vectorises (measured ~4× faster per element on JDK 17). A NaN h gives a NaN spike.
     */
    static double step(double d) {
        return Math.min(1.0, Math.max(0.0, d * 0x1p1023 * 0x1p1023));
    }

    /** Columns per backward block for T steps: ≤ BLOCK, T·cols ≤ SCRATCH, a multiple of 16 (≥ 16). */
    static int backwardBlock(int steps) {
        int cols = Math.min(BLOCK, SCRATCH / steps);
        return Math.max(16, cols & ~15);
    }

    /** v[i] = v0 broadcast for columns [b0, b0 + len): 0, the full state, or v0[(b0 + i) % m]. */
    static void initState(double[] v, double[] v0, int n, int b0, int len) {
        if (v0 == null) {
            Arrays.fill(v, 0, len, 0.0);
        } else if (v0.length == n) {
            System.arraycopy(v0, b0, v, 0, len);
        } else {
            int m = v0.length;
            for (int i = 0; i < len; i++) {
                v[i] = v0[(b0 + i) % m];
            }
        }
    }

    /**
     * Forward over columns [c0, c1): writes spikes (and membrane, when not null) and the last v to
     * the buffers. {@code heaviside} selects the fused strict-Heaviside loop (same result as
     * {@link HeavisideSpike#fire}); otherwise {@code fn.fire} is called per row.
     */
    static void forward(SpikeFunction fn, boolean heaviside, double decay, double gain, double theta,
                        boolean hard, DoubleBuffer x, DoubleBuffer spikes, DoubleBuffer membrane,
                        DoubleBuffer vFinal, double[] v0, int steps, int n, int c0, int c1) {
        double[] v = new double[BLOCK];
        double[] xs = new double[BLOCK];
        double[] hs = new double[BLOCK];
        double[] ss = new double[BLOCK];
        for (int b0 = c0; b0 < c1; b0 += BLOCK) {
            int len = Math.min(BLOCK, c1 - b0);
            initState(v, v0, n, b0, len);
            for (int t = 0; t < steps; t++) {
                int off = t * n + b0;
                x.get(off, xs, 0, len);
                if (heaviside && membrane == null) {
                    if (hard) {
                        for (int i = 0; i < len; i++) {
                            double h = decay * v[i] + gain * xs[i];
                            double s = step(h - theta);
                            ss[i] = s;
                            v[i] = h * (1.0 - s);
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            double h = decay * v[i] + gain * xs[i];
                            double s = step(h - theta);
                            ss[i] = s;
                            v[i] = h - theta * s;
                        }
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        hs[i] = decay * v[i] + gain * xs[i];
                    }
                    fn.fire(hs, 0, theta, ss, 0, len);
                    if (hard) {
                        for (int i = 0; i < len; i++) {
                            v[i] = hs[i] * (1.0 - ss[i]);
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            v[i] = hs[i] - theta * ss[i];
                        }
                    }
                    if (membrane != null) {
                        membrane.put(off, hs, 0, len);
                    }
                }
                spikes.put(off, ss, 0, len);
            }
            vFinal.put(b0, v, 0, len);
        }
    }

    /**
     * Backward over columns [c0, c1): recomputes h from x (and v0) block by block, writes dL/dx to
     * {@code gradX} and, when {@code gradV0} is not null, the per-neuron dL/dv[-1] to
     * {@code gradV0[n]}. When {@code triangle} is set (strict Heaviside with the triangle
     * surrogate, TET's default) the surrogate {@code max(0, γ − |h − θ|)·invGamma2} is computed
     * inside the gradient loop (the same double expression as {@code TriangleSurrogate.gradInto});
     * otherwise {@code fn.grad} fills a row first.
     */
    static void backward(SpikeFunction fn, boolean heaviside, boolean triangle, double gamma, double invGamma2,
                         double decay, double gain, double theta, boolean hard, boolean detach, DoubleBuffer x,
                         double[] v0, DoubleBuffer gradSpikes, DoubleBuffer gradVFinal, DoubleBuffer gradX,
                         double[] gradV0, int steps, int n, int c0, int c1) {
        int bw = backwardBlock(steps);
        // one row array per step: loops index every row at i (C2 in JDK 17 does not vectorise
        // loops that index a flat scratch at t·len + i next to other rows at i; measured ~4×)
        double[][] hs = new double[steps][bw];
        double[] v = new double[bw];
        double[] xs = new double[bw];
        double[] gv = new double[bw];
        double[] gs = new double[bw];
        double[] ss = new double[bw];
        double[] gg = new double[bw];
        double[] gx = new double[bw];
        boolean fused = heaviside && triangle;
        for (int b0 = c0; b0 < c1; b0 += bw) {
            int len = Math.min(bw, c1 - b0);
            // recompute h[t] for this block, t = 0..T-1 (exactly the forward's expressions)
            initState(v, v0, n, b0, len);
            for (int t = 0; t < steps; t++) {
                x.get(t * n + b0, xs, 0, len);
                double[] hr = hs[t];
                if (heaviside) {
                    if (hard) {
                        for (int i = 0; i < len; i++) {
                            double h = decay * v[i] + gain * xs[i];
                            hr[i] = h;
                            v[i] = h * (1.0 - step(h - theta));
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            double h = decay * v[i] + gain * xs[i];
                            hr[i] = h;
                            v[i] = h - theta * step(h - theta);
                        }
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        hr[i] = decay * v[i] + gain * xs[i];
                    }
                    fn.fire(hr, 0, theta, ss, 0, len);
                    if (hard) {
                        for (int i = 0; i < len; i++) {
                            v[i] = hr[i] * (1.0 - ss[i]);
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            v[i] = hr[i] - theta * ss[i];
                        }
                    }
                }
            }
            if (gradVFinal == null) {
                Arrays.fill(gv, 0, len, 0.0);
            } else {
                gradVFinal.get(b0, gv, 0, len);
            }
            for (int t = steps - 1; t >= 0; t--) {
                int off = t * n + b0;
                double[] hr = hs[t];
                gradSpikes.get(off, gs, 0, len);
                if (fused) {
                    if (hard && !detach) {
                        for (int i = 0; i < len; i++) {
                            double h = hr[i];
                            double g = Math.max(0.0, gamma - Math.abs(h - theta)) * invGamma2;
                            double gh = (gs[i] - gv[i] * h) * g + gv[i] * (1.0 - step(h - theta));
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    } else if (hard) {
                        for (int i = 0; i < len; i++) {
                            double h = hr[i];
                            double g = Math.max(0.0, gamma - Math.abs(h - theta)) * invGamma2;
                            double gh = gs[i] * g + gv[i] * (1.0 - step(h - theta));
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    } else if (detach) {
                        for (int i = 0; i < len; i++) {
                            double g = Math.max(0.0, gamma - Math.abs(hr[i] - theta)) * invGamma2;
                            double gh = gs[i] * g + gv[i];
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            double g = Math.max(0.0, gamma - Math.abs(hr[i] - theta)) * invGamma2;
                            double gh = (gs[i] - theta * gv[i]) * g + gv[i];
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    }
                    gradX.put(off, gx, 0, len);
                    continue;
                }
                fn.grad(hr, 0, theta, gg, 0, len);
                if (hard) {
                    if (heaviside) {
                        for (int i = 0; i < len; i++) {
                            ss[i] = step(hr[i] - theta);
                        }
                    } else {
                        fn.fire(hr, 0, theta, ss, 0, len);
                    }
                    if (detach) {
                        for (int i = 0; i < len; i++) {
                            double gh = gs[i] * gg[i] + gv[i] * (1.0 - ss[i]);
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            double gh = (gs[i] - gv[i] * hr[i]) * gg[i] + gv[i] * (1.0 - ss[i]);
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    }
                } else if (detach) {
                    for (int i = 0; i < len; i++) {
                        double gh = gs[i] * gg[i] + gv[i];
                        gx[i] = gain * gh;
                        gv[i] = decay * gh;
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        double gh = (gs[i] - theta * gv[i]) * gg[i] + gv[i];
                        gx[i] = gain * gh;
                        gv[i] = decay * gh;
                    }
                }
                gradX.put(off, gx, 0, len);
            }
            if (gradV0 != null) {
                System.arraycopy(gv, 0, gradV0, b0, len);
            }
        }
    }
}
