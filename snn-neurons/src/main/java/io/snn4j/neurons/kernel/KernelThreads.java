package io.snn4j.neurons.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The CPU kernels' own worker pool: column chunks of a {@code [T, N]} block run on all cores
 * when the block is large enough to pay for the hand-off. A separate daemon pool (one per JVM,
 * created on first use) so that ND4J's own threads and the common pool are left alone.
 */
final class KernelThreads {

    /** Below this many elements (T·N) a kernel call runs on the calling thread. */
    static final long PARALLEL_MIN = 1L << 16;

    private KernelThreads() {
    }

    private static final class Pool {
        static final int THREADS = Runtime.getRuntime().availableProcessors();
        static final ForkJoinPool POOL = new ForkJoinPool(THREADS, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("snn4j-kernel-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** Column range worker. */
    interface ChunkBody {
        /** Runs columns [c0, c1); returns a per-chunk sum (e.g. a spike count), added up by the caller. */
        double run(int c0, int c1);
    }

    /**
     * Runs {@code body} over columns [0, n) in {@code align}-aligned chunks, one per core when
     * {@code parallel} and the block holds at least {@link #PARALLEL_MIN} elements; returns the sum
     * of the chunks' results (added in chunk order: deterministic).
     */
    static double forEachChunk(boolean parallel, int n, int steps, int align, ChunkBody body) {
        int blocks = (n + align - 1) / align;
        int workers = parallel && (long) n * steps >= PARALLEL_MIN ? Math.min(blocks, Pool.THREADS) : 1;
        if (workers <= 1) {
            return body.run(0, n);
        }
        int per = (blocks + workers - 1) / workers;
        List<Callable<Double>> tasks = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int c0 = w * per * align;
            int c1 = Math.min(n, (w + 1) * per * align);
            if (c0 < c1) {
                tasks.add(() -> body.run(c0, c1));
            }
        }
        double total = 0;
        try {
            for (Future<Double> f : Pool.POOL.invokeAll(tasks)) {
                total += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("kernel interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
        return total;
    }
}
