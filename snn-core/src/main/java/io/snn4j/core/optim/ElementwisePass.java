package io.snn4j.core.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.snn4j.core.functional.DoubleRows;
import io.snn4j.core.functional.WorkerTasks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter's optimizer update as a single element-wise pass: the arrays it reads (parameter,
 * gradient, state buffers; all of the parameter's length), which of them it writes, and the rule
 * applied to each block of elements. {@link Optimizer#step()} runs the passes of all parameters
 * together: every array is read once and written once, through the NIO view of its off-heap buffer
 * in L1-sized blocks of doubles (FLOAT widened exactly, rounded once on store), with no temporary
 * arrays; large parameters are split into chunks that run on the common fork-join pool. Elements are
 * independent, so the result does not depend on the split.
 */
public final class ElementwisePass {
    /** The per-element rule; {@code rows[k][0 .. len)} holds consecutive elements of array {@code k}. */
    @FunctionalInterface
    public interface BlockRule {
        void apply(double[][] rows, int len);
    }

    /**
     * Elements per block: 2,048 (4 to 5 arrays of doubles, 64–80 KiB, in L2). Adam over SEW-ResNet-18's 11 M
     * parameters took 34 ms with 512-element blocks that fit L1 and 31 ms with these: fewer NIO calls per element.
     */
    static final int BLOCK = 2048;
    /** Elements per parallel chunk. */
    static final int CHUNK = 1 << 16;
    /** Below this many elements in all, a step runs on the calling thread. */
    static final long PARALLEL_MIN = 1 << 17;

    private final INDArray[] arrays;
    private final boolean[] written;
    private final BlockRule rule;

    private ElementwisePass(INDArray[] arrays, boolean[] written, BlockRule rule) {
        this.arrays = arrays;
        this.written = written;
        this.rule = rule;
    }

    /**
     * A pass over {@code arrays} (same length) whose entries flagged in {@code written} are stored back.
     * Arrays of any layout and floating type are accepted: dense FLOAT/DOUBLE ones are used in place,
     * others are staged through a DOUBLE copy (and assigned back when written).
     */
    public static ElementwisePass of(INDArray[] arrays, boolean[] written, BlockRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("ElementwisePass: rule must not be null");
        }
        if (arrays.length == 0 || arrays.length != written.length) {
            throw new IllegalArgumentException("ElementwisePass: " + arrays.length + " arrays but " + written.length
                    + " written flags");
        }
        long n = arrays[0].length();
        for (INDArray a : arrays) {
            if (a.length() != n) {
                throw new IllegalArgumentException("ElementwisePass: arrays of lengths " + n + " and " + a.length()
                        + " (shape " + Arrays.toString(a.shape()) + ")");
            }
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ElementwisePass: " + n + " elements exceed the limit of one pass");
        }
        return new ElementwisePass(arrays.clone(), written.clone(), rule);
    }

    int length() {
        return (int) arrays[0].length();
    }

    /** Runs every pass: one read and at most one write of each array, chunks spread over the common pool. */
    static void runAll(List<ElementwisePass> passes) {
        List<Staged> staged = new ArrayList<>(passes.size());
        List<long[]> tasks = new ArrayList<>();
        long total = 0;
        int arrays = 0;
        for (int k = 0; k < passes.size(); k++) {
            Staged s = new Staged(passes.get(k));
            staged.add(s);
            arrays = Math.max(arrays, s.rows.length);
            int n = s.pass.length();
            total += n;
            for (int c0 = 0; c0 < n; c0 += CHUNK) {
                tasks.add(new long[] {k, c0, Math.min(n, c0 + (long) CHUNK)});
            }
        }
        int maxArrays = arrays;
        WorkerTasks.run(tasks.size(), total >= PARALLEL_MIN, () -> new Blocks(maxArrays), (i, b) -> {
            long[] t = tasks.get(i);
            staged.get((int) t[0]).run((int) t[1], (int) t[2], b);
        });
        for (Staged s : staged) {
            s.writeBack();
        }
    }

    /**
     * Σ x² over every array, in double, in one read pass (chunks in parallel; partial sums added in a
     * fixed order, so the result does not depend on scheduling).
     */
    static double sumOfSquares(List<INDArray> arrays) {
        List<long[]> tasks = new ArrayList<>();
        List<DoubleRows> rows = new ArrayList<>();
        long total = 0;
        for (int k = 0; k < arrays.size(); k++) {
            INDArray a = arrays.get(k);
            rows.add(rowsOf(stage(a)));
            int n = (int) a.length();
            total += n;
            for (int c0 = 0; c0 < n; c0 += CHUNK) {
                tasks.add(new long[] {k, c0, Math.min(n, c0 + (long) CHUNK)});
            }
        }
        double[] partial = new double[tasks.size()];
        WorkerTasks.run(tasks.size(), total >= PARALLEL_MIN, () -> new Blocks(1), (i, blocks) -> {
            long[] t = tasks.get(i);
            DoubleRows r = rows.get((int) t[0]);
            double[] b = blocks.all[0];
            double acc = 0;
            for (int o = (int) t[1]; o < t[2]; o += BLOCK) {
                int len = (int) Math.min(BLOCK, t[2] - o);
                r.get(o, b, len, blocks.scratch);
                for (int j = 0; j < len; j++) {
                    acc += b[j] * b[j];
                }
            }
            partial[i] = acc;
        });
        double sum = 0;
        for (double p : partial) {
            sum += p;
        }
        return sum;
    }

    private static DoubleRows rowsOf(INDArray dense) {
        return DoubleRows.of(dense, "optimizer pass");
    }

    /** The array itself when it can be read through its NIO view, else a dense DOUBLE copy. */
    private static INDArray stage(INDArray a) {
        return DoubleRows.accepts(a) ? a : a.castTo(DataType.DOUBLE).dup('c');
    }

    /** A pass with its arrays made directly addressable. */
    private static final class Staged {
        final ElementwisePass pass;
        final INDArray[] direct;
        final DoubleRows[] rows;

        Staged(ElementwisePass pass) {
            this.pass = pass;
            int k = pass.arrays.length;
            direct = new INDArray[k];
            rows = new DoubleRows[k];
            for (int i = 0; i < k; i++) {
                direct[i] = stage(pass.arrays[i]);
                rows[i] = rowsOf(direct[i]);
            }
        }

        void run(int from, int to, Blocks b) {
            int k = rows.length;
            double[][] blk = b.rows(k);
            float[] scratch = b.scratch;
            for (int o = from; o < to; o += BLOCK) {
                int len = Math.min(BLOCK, to - o);
                for (int i = 0; i < k; i++) {
                    rows[i].get(o, blk[i], len, scratch);
                }
                pass.rule.apply(blk, len);
                for (int i = 0; i < k; i++) {
                    if (pass.written[i]) {
                        rows[i].put(o, blk[i], len, scratch);
                    }
                }
            }
        }

        void writeBack() {
            for (int i = 0; i < direct.length; i++) {
                if (pass.written[i] && direct[i] != pass.arrays[i]) {
                    pass.arrays[i].assign(direct[i].castTo(pass.arrays[i].dataType()).reshape(pass.arrays[i].shape()));
                }
            }
        }
    }

    /** One worker's block rows (made once per worker and call, see {@link WorkerTasks}). */
    private static final class Blocks {
        final double[][] all;
        final double[][][] byCount;
        final float[] scratch = new float[BLOCK];

        Blocks(int arrays) {
            all = new double[arrays][BLOCK];
            byCount = new double[arrays + 1][][];
        }

        /** The first {@code k} rows, as an array of exactly {@code k} (a rule may read {@code rows.length}). */
        double[][] rows(int k) {
            if (byCount[k] == null) {
                byCount[k] = Arrays.copyOf(all, k);
            }
            return byCount[k];
        }
    }
}
