package io.snn4j.core.functional;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Numbered tasks run by the calling thread and the common fork-join pool's workers, each worker with scratch space
 * made once per call rather than once per task: the Java kernels' block rows (BatchNorm, the optimizer's element-wise
 * pass) were allocated per task, megabytes of short-lived arrays per training step that only fed the collector.
 * Workers take the next task number from a shared counter, so a busy core leaves its share to the others. Tasks must
 * be independent: which worker runs a task must not change its result.
 */
public final class WorkerTasks {
    private WorkerTasks() {
    }

    /** One task, given the scratch of the worker that runs it. */
    @FunctionalInterface
    public interface Body<S> {
        void run(int task, S scratch);
    }

    /**
     * Runs tasks {@code 0 .. tasks-1}: on the calling thread alone when {@code parallel} is false or there is one task,
     * else on up to one worker per core.
     */
    public static <S> void run(int tasks, boolean parallel, Supplier<S> scratch, Body<S> body) {
        int workers = parallel ? Math.min(tasks, ForkJoinPool.getCommonPoolParallelism() + 1) : 1;
        if (workers <= 1) {
            S s = scratch.get();
            for (int t = 0; t < tasks; t++) {
                body.run(t, s);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        IntStream.range(0, workers).parallel().forEach(w -> {
            S s = scratch.get();
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                body.run(t, s);
            }
        });
    }
}
