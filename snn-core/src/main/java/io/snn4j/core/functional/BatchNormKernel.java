package io.snn4j.core.functional;

import java.util.concurrent.ForkJoinPool;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-channel passes of batch normalisation over a dense c-ordered {@code [N, C, S]} array (S = the
 * product of the spatial dimensions): statistics in one pass (mean and biased variance per channel, per
 * block two in-cache loops merged with Chan et al.'s pairwise formula), the affine map {@code y = x·a + b}
 * in one pass, and the two passes of the training gradient (per-channel sums {@code Σg}, {@code Σg·(x − μ)},
 * then {@code dx = g·k1 + (x − μ)·k2 + k3}). One definition for FLOAT and DOUBLE: the arithmetic runs in
 * double on block rows that {@link DoubleRows} converts from and to the array's type. Channels are split over
 * the common fork-join pool when the array is large; training runs each pair of passes channel by channel in one
 * parallel pass ({@link #normalize}, {@link #gradient}), since handing work to the pool's workers costs as much
 * as a small layer's pass on a machine whose other cores are busy.
 */
final class BatchNormKernel {
    static final int BLOCK = 2048;
    private static final long PARALLEL_MIN = 1 << 16;

    private final long n;
    private final int ch;
    private final long s;

    BatchNormKernel(long[] shape) {
        this.n = shape[0];
        this.ch = (int) shape[1];
        long sp = 1;
        for (int i = 2; i < shape.length; i++) {
            sp *= shape[i];
        }
        this.s = sp;
    }

    long count() {
        return n * s;
    }

    /**
     * Per-channel mean and biased variance of {@code x}, one pass. Training runs it fused into {@link #normalize}; this
     * separate pass is the reference that the fused one is checked against (BatchNormKernelTest).
     */
    void moments(INDArray x, double[] mean, double[] var) {
        DoubleRows xa = rows(x);
        forChannels(x.length(), (c, sc) -> channelMoments(c, sc, xa, mean, var));
    }

    /** {@code y = (x − m[c])·a[c] + b[c]} (centred first, so that a shift of x cancels exactly). */
    void affine(INDArray x, double[] m, double[] a, double[] b, INDArray y) {
        DoubleRows xa = rows(x);
        DoubleRows ya = rows(y);
        forChannels(x.length(), (c, sc) -> channelAffine(c, sc, xa, m, a, b, ya));
    }

    /**
     * {@link #moments} then {@link #affine} channel by channel in one parallel pass, {@code coefficients} filling
     * {@code a[c]} (and whatever else it needs) from {@code mean[c]}, {@code var[c]} in between: half the hand-offs
     * to the worker threads, and each channel's rows are read the second time while still in cache. The same
     * arithmetic as the two passes.
     */
    void normalize(INDArray x, double[] mean, double[] var, ChannelStep coefficients, double[] a, double[] b,
                   INDArray y) {
        DoubleRows xa = rows(x);
        DoubleRows ya = rows(y);
        forChannels(x.length(), (c, sc) -> {
            channelMoments(c, sc, xa, mean, var);
            coefficients.run(c);
            channelAffine(c, sc, xa, mean, a, b, ya);
        });
    }

    /** Per-channel {@code Σ g} and {@code Σ g·(x − mean[c])}. */
    void gradSums(INDArray g, INDArray x, double[] mean, double[] sumG, double[] sumGxc) {
        DoubleRows ga = rows(g);
        DoubleRows xa = rows(x);
        forChannels(x.length(), (c, sc) -> channelGradSums(c, sc, ga, xa, mean, sumG, sumGxc));
    }

    /** {@code dx = g·k1[c] + (x − mean[c])·k2[c] + k3[c]}. */
    void gradInput(INDArray g, INDArray x, double[] mean, double[] k1, double[] k2, double[] k3, INDArray dx) {
        DoubleRows ga = rows(g);
        DoubleRows xa = rows(x);
        DoubleRows da = rows(dx);
        forChannels(x.length(), (c, sc) -> channelGradInput(c, sc, ga, xa, mean, k1, k2, k3, da));
    }

    /**
     * {@link #gradSums} then {@link #gradInput} channel by channel in one parallel pass, {@code coefficients}
     * filling {@code k1[c]}, {@code k2[c]}, {@code k3[c]} from the channel's sums in between (as {@link #normalize}).
     */
    void gradient(INDArray g, INDArray x, double[] mean, double[] sumG, double[] sumGxc, ChannelStep coefficients,
                  double[] k1, double[] k2, double[] k3, INDArray dx) {
        DoubleRows ga = rows(g);
        DoubleRows xa = rows(x);
        DoubleRows da = rows(dx);
        forChannels(x.length(), (c, sc) -> {
            channelGradSums(c, sc, ga, xa, mean, sumG, sumGxc);
            coefficients.run(c);
            channelGradInput(c, sc, ga, xa, mean, k1, k2, k3, da);
        });
    }

    /** Per-channel work between the two halves of a fused pass (writes only channel {@code c}'s entries). */
    @FunctionalInterface
    interface ChannelStep {
        void run(int c);
    }

    /** One block of a channel's rows: {@code len} consecutive elements from {@code at}. */
    @FunctionalInterface
    private interface BlockBody {
        void accept(long at, int len);
    }

    /** Runs {@code body} over channel {@code c}'s elements, plane by plane, in rows of at most {@link #BLOCK}. */
    private void forBlocks(int c, BlockBody body) {
        for (long i = 0; i < n; i++) {
            long base = (i * ch + c) * s;
            for (long o = 0; o < s; o += BLOCK) {
                body.accept(base + o, (int) Math.min(BLOCK, s - o));
            }
        }
    }

    private void channelMoments(int c, Scratch sc, DoubleRows xa, double[] mean, double[] var) {
        double[] acc = sc.acc;   // count, mean, Σ squared deviations, merged block by block (Chan et al.)
        acc[0] = 0;
        acc[1] = 0;
        acc[2] = 0;
        forBlocks(c, (at, len) -> {
            double[] d = sc.a;
            xa.get(at, d, len, sc.f);
            double mb = sum(d, len) / len;
            double q = centredSquares(d, mb, len);
            double cnt = acc[0];
            double tot = cnt + len;
            double delta = mb - acc[1];
            acc[1] += delta * len / tot;
            acc[2] += q + delta * delta * (cnt * len / tot);
            acc[0] = tot;
        });
        mean[c] = acc[1];
        var[c] = acc[2] / acc[0];
    }

    private void channelAffine(int c, Scratch sc, DoubleRows xa, double[] m, double[] a, double[] b, DoubleRows ya) {
        double mc = m[c];
        double ac = a[c];
        double bc = b[c];
        forBlocks(c, (at, len) -> {
            double[] d = sc.a;
            xa.get(at, d, len, sc.f);
            for (int j = 0; j < len; j++) {
                d[j] = (d[j] - mc) * ac + bc;
            }
            ya.put(at, d, len, sc.f);
        });
    }

    private void channelGradSums(int c, Scratch sc, DoubleRows ga, DoubleRows xa, double[] mean, double[] sumG,
                                 double[] sumGxc) {
        double mc = mean[c];
        double[] acc = sc.acc;
        acc[0] = 0;
        acc[1] = 0;
        forBlocks(c, (at, len) -> {
            ga.get(at, sc.a, len, sc.f);
            xa.get(at, sc.b, len, sc.f);
            sumAndCentredDot(sc.a, sc.b, mc, len, sc.pair);
            acc[0] += sc.pair[0];
            acc[1] += sc.pair[1];
        });
        sumG[c] = acc[0];
        sumGxc[c] = acc[1];
    }

    private void channelGradInput(int c, Scratch sc, DoubleRows ga, DoubleRows xa, double[] mean, double[] k1, double[] k2,
                                  double[] k3, DoubleRows da) {
        double mc = mean[c];
        double a1 = k1[c];
        double a2 = k2[c];
        double a3 = k3[c];
        forBlocks(c, (at, len) -> {
            double[] gd = sc.a;
            double[] xd = sc.b;
            ga.get(at, gd, len, sc.f);
            xa.get(at, xd, len, sc.f);
            for (int j = 0; j < len; j++) {
                gd[j] = gd[j] * a1 + (xd[j] - mc) * a2 + a3;
            }
            da.put(at, gd, len, sc.f);
        });
    }

    // Reductions with four independent partial sums: a single accumulator is a serial chain of adds (C2 does not
    // reorder floating-point sums), four keep the adder busy.

    static double sum(double[] d, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += d[j];
            s1 += d[j + 1];
            s2 += d[j + 2];
            s3 += d[j + 3];
        }
        for (; j < len; j++) {
            s0 += d[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ (d − m)²}. */
    static double centredSquares(double[] d, double m, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            double e0 = d[j] - m;
            double e1 = d[j + 1] - m;
            double e2 = d[j + 2] - m;
            double e3 = d[j + 3] - m;
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; j < len; j++) {
            double e = d[j] - m;
            s0 += e * e;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code out = [Σ g, Σ g·(x − m)]}, one loop over the rows. */
    static void sumAndCentredDot(double[] g, double[] x, double m, int len, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double d0 = 0;
        double d1 = 0;
        int j = 0;
        for (; j + 1 < len; j += 2) {
            double g0 = g[j];
            double g1 = g[j + 1];
            s0 += g0;
            s1 += g1;
            d0 += g0 * (x[j] - m);
            d1 += g1 * (x[j + 1] - m);
        }
        for (; j < len; j++) {
            s0 += g[j];
            d0 += g[j] * (x[j] - m);
        }
        out[0] = s0 + s1;
        out[1] = d0 + d1;
    }

    private static DoubleRows rows(INDArray a) {
        return DoubleRows.of(a, "batchNorm kernel");
    }

    /** One channel's pass, with the block rows of the task that runs it. */
    @FunctionalInterface
    private interface ChannelBody {
        void accept(int c, Scratch sc);
    }

    /**
     * Runs {@code body} for every channel: serially below {@link #PARALLEL_MIN} elements, else over contiguous channel
     * ranges, a few ranges per core ({@link WorkerTasks}: block rows made once per worker, not per range or channel;
     * with 512 channels of 16 values a per-channel allocation was most of the pass).
     */
    private void forChannels(long length, ChannelBody body) {
        int rowLen = (int) Math.min(BLOCK, s);
        int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
        int tasks = length >= PARALLEL_MIN ? Math.min(ch, 4 * workers) : 1;
        WorkerTasks.run(tasks, tasks > 1, () -> new Scratch(rowLen), (t, sc) -> {
            int from = (int) ((long) ch * t / tasks);
            int to = (int) ((long) ch * (t + 1) / tasks);
            for (int c = from; c < to; c++) {
                body.accept(c, sc);
            }
        });
    }

    /** Per-task block rows. */
    static final class Scratch {
        final double[] a;
        final double[] b;
        final float[] f;
        final double[] pair = new double[2];
        /** A channel's running sums across its blocks. */
        final double[] acc = new double[3];

        Scratch(int len) {
            a = new double[len];
            b = new double[len];
            f = new float[len];
        }
    }
}
