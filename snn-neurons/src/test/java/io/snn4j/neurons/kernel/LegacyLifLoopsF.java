package io.snn4j.neurons.kernel;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Test oracle: the LIF loops as of commit fa6004c (saved h on the heap), verbatim. Single-precision inner loops of the fused LIF kernel (docs/spec.md §2; TET eq. 1–3): the neurons are
 * processed in cache-sized column blocks, each run through all T steps while its membrane state
 * stays in L1; the block rows are moved with bulk NIO get/put and computed in plain Java loops.
 * {@code LifLoopsD} is the same code in double precision (keep the two in sync).
 */
final class LegacyLifLoopsF {

    /** Columns per block: 1024 floats = 4 KiB per scratch row. */
    static final int BLOCK = 1024;

    private LegacyLifLoopsF() {
    }

    /**
     * Forward over columns [c0, c1): writes spikes (and membrane) to the buffers, h to {@code h},
     * the last v to {@code vFinal}.
     */
    static void forward(SpikeFunction fn, float decay, float gain, float theta, boolean hard,
                        FloatBuffer x, FloatBuffer spikes, FloatBuffer membrane, FloatBuffer vFinal,
                        float[] v0, float[] h, int steps, int n, int c0, int c1) {
        float[] v = new float[BLOCK];
        float[] xs = new float[BLOCK];
        float[] ss = new float[BLOCK];
        for (int b0 = c0; b0 < c1; b0 += BLOCK) {
            int len = Math.min(BLOCK, c1 - b0);
            if (v0 == null) {
                Arrays.fill(v, 0, len, 0f);
            } else if (v0.length == n) {
                System.arraycopy(v0, b0, v, 0, len);
            } else {
                int m = v0.length;
                for (int i = 0; i < len; i++) {
                    v[i] = v0[(b0 + i) % m];
                }
            }
            for (int t = 0; t < steps; t++) {
                int off = t * n + b0;
                x.get(off, xs, 0, len);
                for (int i = 0; i < len; i++) {
                    h[off + i] = decay * v[i] + gain * xs[i];
                }
                fn.fire(h, off, theta, ss, 0, len);
                if (hard) {
                    for (int i = 0; i < len; i++) {
                        v[i] = h[off + i] * (1f - ss[i]);
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        v[i] = h[off + i] - theta * ss[i];
                    }
                }
                spikes.put(off, ss, 0, len);
                if (membrane != null) {
                    membrane.put(off, h, off, len);
                }
            }
            vFinal.put(b0, v, 0, len);
        }
    }

    /**
     * Backward over columns [c0, c1): writes dL/dx to {@code gradX} and, when {@code gradV0} is
     * not null, the per-neuron dL/dv[-1] to {@code gradV0[n]}.
     */
    static void backward(SpikeFunction fn, float decay, float gain, float theta, boolean hard,
                         boolean detach, float[] h, FloatBuffer gradSpikes, FloatBuffer gradVFinal,
                         FloatBuffer gradX, float[] gradV0, int steps, int n, int c0, int c1) {
        float[] gv = new float[BLOCK];
        float[] gs = new float[BLOCK];
        float[] ss = new float[BLOCK];
        float[] gg = new float[BLOCK];
        float[] gx = new float[BLOCK];
        for (int b0 = c0; b0 < c1; b0 += BLOCK) {
            int len = Math.min(BLOCK, c1 - b0);
            if (gradVFinal == null) {
                Arrays.fill(gv, 0, len, 0f);
            } else {
                gradVFinal.get(b0, gv, 0, len);
            }
            for (int t = steps - 1; t >= 0; t--) {
                int off = t * n + b0;
                gradSpikes.get(off, gs, 0, len);
                fn.grad(h, off, theta, gg, 0, len);
                if (hard) {
                    fn.fire(h, off, theta, ss, 0, len);
                    if (detach) {
                        for (int i = 0; i < len; i++) {
                            float gh = gs[i] * gg[i] + gv[i] * (1f - ss[i]);
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            float gh = (gs[i] - gv[i] * h[off + i]) * gg[i] + gv[i] * (1f - ss[i]);
                            gx[i] = gain * gh;
                            gv[i] = decay * gh;
                        }
                    }
                } else if (detach) {
                    for (int i = 0; i < len; i++) {
                        float gh = gs[i] * gg[i] + gv[i];
                        gx[i] = gain * gh;
                        gv[i] = decay * gh;
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        float gh = (gs[i] - theta * gv[i]) * gg[i] + gv[i];
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
