package io.snn4j.neurons.kernel;

import java.nio.FloatBuffer;
import java.util.Arrays;

import io.snn4j.neurons.surrogate.Surrogate;

/**
 * Inner loops of the fused LIF kernel (docs/spec.md §2; TET eq. 1–3): the neurons are processed
 * in cache-sized column blocks, each run through all T steps while its membrane state stays in L1;
 * block rows move with bulk NIO get/put and are computed in plain loops that C2 vectorises.
 *
 * <p>The equations are written once: {@link #advance} (charge, fire, reset of one step, used by the
 * forward pass and by the backward pass's recomputation) and {@link #bptt} (one step of exact BPTT).
 * Hard/soft reset and detached/attached reset gradients are selected by coefficients of one
 * branch-free expression ({@link Coefs}), which is exact for 0/1 spikes. Nothing is stored for
 * backward: backward re-reads x and recomputes h of one column block for all T steps into an
 * L2-sized scratch, with the same float expressions as forward (bit-identical h, s).
 *
 * <p>FLOAT only: DOUBLE runs on the generic path of the neuron's definition ({@code Lif}), which is
 * the reference the tests check this kernel against (docs/architecture.md, "Neurons").
 */
final class LifLoops {

    /**
     * Columns per forward block: 8192 floats = 32 KiB per row read or written. Rows of one block
     * lie T·N apart, so each row is a separate stream; with 4 KiB rows (one page) the hardware
     * prefetcher restarted at every row and a forward+backward took 1.4× as long (measured at
     * T = 8, N = 2^20: forward 11.4 → 8.7 ms, backward 22 → 15 ms on one core).
     */
    static final int BLOCK = 8192;

    /** Alignment of the column chunks that run on separate threads (1 KiB of floats). */
    static final int ALIGN = 256;

    /** Floats of recomputed h per backward block (T·columns): 64 Ki floats = 256 KiB, fits L2. */
    static final int SCRATCH = 1 << 16;

    /** Per-thread block rows ({@link #rows}). */
    private static final ThreadLocal<float[][]> ROWS = new ThreadLocal<>();

    private LifLoops() {
    }

    /**
     * The LIF constants of one call. Forward reset {@code v = h − s·(ra·h + rb)}: hard (ra = 1,
     * rb = 0) or soft (ra = 0, rb = θ). BPTT
     * {@code gh = (gs − gv·(ba·h + bb))·g' + gv·(1 − bc·s)}: the reset's gradient through s
     * ({@code ba, bb} = ra, rb, or 0 when detached) and through h ({@code bc} = 1 for hard).
     */
    record Coefs(float decay, float gain, float theta, float ra, float rb, float ba, float bb, float bc) {
        static Coefs of(double decay, double gain, double theta, boolean hard, boolean detach) {
            float th = (float) theta;
            float ra = hard ? 1f : 0f;
            float rb = hard ? 0f : th;
            return new Coefs((float) decay, (float) gain, th, ra, rb, detach ? 0f : ra, detach ? 0f : rb,
                    hard ? 1f : 0f);
        }
    }

    /**
     * Branch-free strict Heaviside {@code 1[d > 0]} for {@code d = h − θ}, exactly 0 or 1 for every
     * non-NaN d (the smallest positive subnormal times 2^254 exceeds 1; +0, −0 and negatives clamp to
     * +0). Unlike the sign-bit trick or a ternary it is built from multiply/min/max only, which C2
     * vectorises (measured ~4× faster per element on JDK 17). A NaN h gives a NaN spike.
     */
    static float step(float d) {
        return Math.min(1f, Math.max(0f, d * 0x1p127f * 0x1p127f));
    }

    /**
     * One LIF step over a row (docs/spec.md §2): {@code h = decay·v + gain·x},
     * {@code s = 1[h − θ > 0]}, {@code v ← h − s·(ra·h + rb)}, storing h and s.
     */
    static void advance(Coefs c, float[] v, float[] x, float[] h, float[] s, int len) {
        float decay = c.decay;
        float gain = c.gain;
        float theta = c.theta;
        float ra = c.ra;
        float rb = c.rb;
        for (int i = 0; i < len; i++) {
            float hi = decay * v[i] + gain * x[i];
            float si = step(hi - theta);
            h[i] = hi;
            s[i] = si;
            v[i] = hi - si * (ra * hi + rb);
        }
    }

    /**
     * {@code count[i] += s[i]}: the spike count per column, in its own loop (measured: a third
     * cheaper than counting inside {@link #advance}, whose loop then carries one more array).
     */
    static void countRow(float[] s, float[] count, int len) {
        for (int i = 0; i < len; i++) {
            count[i] += s[i];
        }
    }

    /**
     * One step of exact BPTT over a row (docs/spec.md §2): with {@code g = g'(h − θ)},
     * {@code gh = (gs − gv·(ba·h + bb))·g + gv·(1 − bc·s)}, {@code dx = gain·gh}, and the
     * carried {@code gv ← decay·gh}.
     */
    static void bptt(Coefs c, float[] h, float[] g, float[] gs, float[] gv, float[] gx, int len) {
        float decay = c.decay;
        float gain = c.gain;
        float theta = c.theta;
        float ba = c.ba;
        float bb = c.bb;
        float bc = c.bc;
        for (int i = 0; i < len; i++) {
            float hi = h[i];
            float gvi = gv[i];
            float gh = (gs[i] - gvi * (ba * hi + bb)) * g[i] + gvi * (1f - bc * step(hi - theta));
            gx[i] = gain * gh;
            gv[i] = decay * gh;
        }
    }

    /** Columns per backward block for T steps: ≤ BLOCK, T·cols ≤ SCRATCH, a multiple of 16 (≥ 16). */
    static int backwardBlock(int steps) {
        int cols = Math.min(BLOCK, SCRATCH / steps);
        return Math.max(16, cols & ~15);
    }

    /** v[i] = v0 broadcast for columns [b0, b0 + len): 0, the full state, or v0[(b0 + i) % m]. */
    static void initState(float[] v, float[] v0, int n, int b0, int len) {
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
    }

    /**
     * This thread's block rows: at least {@code count} rows of at least {@code width} floats, contents unspecified,
     * kept for the thread's next call (made per call, the rows were about 12 MB of short-lived arrays per SEW-ResNet-18
     * step). Forward and backward never nest on one thread.
     */
    private static float[][] rows(int count, int width) {
        float[][] r = ROWS.get();
        if (r == null || r.length < count) {
            r = r == null ? new float[count][] : Arrays.copyOf(r, count);
            ROWS.set(r);
        }
        // each row grows on its own: forward wants 5 wide rows, a long-T backward many narrow ones (T = 4,096:
        // 4,103 rows of 16), and one rectangle of the larger count and width would hold 134 MB per thread
        for (int i = 0; i < count; i++) {
            if (r[i] == null || r[i].length < width) {
                r[i] = new float[width];
            }
        }
        return r;
    }

    /**
     * Forward over columns [c0, c1): writes spikes (and membrane h, when not null) and the last v
     * (when vFinal is not null).
     *
     * @return the number of spikes in these columns
     */
    static double forward(Coefs c, FloatBuffer x, FloatBuffer spikes, FloatBuffer membrane, FloatBuffer vFinal,
                          float[] v0, int steps, int n, int c0, int c1) {
        int bw = Math.min(BLOCK, c1 - c0);
        float[][] r = rows(5, bw);
        float[] v = r[0];
        float[] xs = r[1];
        float[] hs = r[2];
        float[] ss = r[3];
        float[] count = r[4];
        double total = 0;
        for (int b0 = c0; b0 < c1; b0 += bw) {
            int len = Math.min(bw, c1 - b0);
            initState(v, v0, n, b0, len);
            Arrays.fill(count, 0, len, 0f);
            for (int t = 0; t < steps; t++) {
                int off = t * n + b0;
                x.get(off, xs, 0, len);
                advance(c, v, xs, hs, ss, len);
                countRow(ss, count, len);
                spikes.put(off, ss, 0, len);
                if (membrane != null) {
                    membrane.put(off, hs, 0, len);
                }
            }
            if (vFinal != null) {
                vFinal.put(b0, v, 0, len);
            }
            total += sum(count, len);
        }
        return total;
    }

    /**
     * Backward over columns [c0, c1): recomputes h from x (and v0) block by block with
     * {@link #advance}, then runs {@link #bptt} from t = T−1 down to 0, the surrogate row computed
     * by {@link Surrogate#gradInto(float[], int, float, float[], int, int)} (the built-in surrogates'
     * own vectorised loops). Writes dL/dx to {@code gradX} and, when {@code gradV0} is not null, the
     * per-neuron dL/dv[−1] to {@code gradV0[n]}.
     */
    static void backward(Coefs c, Surrogate surrogate, FloatBuffer x, float[] v0, FloatBuffer gradSpikes,
                         FloatBuffer gradVFinal, FloatBuffer gradX, float[] gradV0, int steps, int n, int c0, int c1) {
        int bw = Math.min(backwardBlock(steps), c1 - c0);
        // one row array per step: loops index every row at i (C2 in JDK 17 does not vectorise
        // loops that index a flat scratch at t·len + i next to other rows at i; measured ~4×)
        float[][] r = rows(7 + steps, bw);
        float[][] hs = Arrays.copyOfRange(r, 7, 7 + steps);
        float[] v = r[0];
        float[] xs = r[1];
        float[] ss = r[2];
        float[] gv = r[3];
        float[] gs = r[4];
        float[] gg = r[5];
        float[] gx = r[6];
        for (int b0 = c0; b0 < c1; b0 += bw) {
            int len = Math.min(bw, c1 - b0);
            initState(v, v0, n, b0, len);
            for (int t = 0; t < steps; t++) {
                x.get(t * n + b0, xs, 0, len);
                advance(c, v, xs, hs[t], ss, len);
            }
            if (gradVFinal == null) {
                Arrays.fill(gv, 0, len, 0f);
            } else {
                gradVFinal.get(b0, gv, 0, len);
            }
            for (int t = steps - 1; t >= 0; t--) {
                int off = t * n + b0;
                gradSpikes.get(off, gs, 0, len);
                surrogate.gradInto(hs[t], 0, c.theta, gg, 0, len);
                bptt(c, hs[t], gg, gs, gv, gx, len);
                gradX.put(off, gx, 0, len);
            }
            if (gradV0 != null) {
                System.arraycopy(gv, 0, gradV0, b0, len);
            }
        }
    }

    /** Σ a[0..len) in eight independent lanes (a plain float sum runs one add at a time). */
    private static double sum(float[] a, int len) {
        float[] lanes = new float[8];
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            for (int k = 0; k < 8; k++) {
                lanes[k] += a[i + k];
            }
        }
        double total = 0;
        for (; i < len; i++) {
            total += a[i];
        }
        for (float l : lanes) {
            total += l;
        }
        return total;
    }
}
