package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import io.snn4j.core.rng.SplitMix64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A long training loop must not leak: ND4J's off-heap buffers are released when their Java objects
 * are collected, and the tape drops what each node saved for backward once backward has run, so
 * after warm-up the resident set size must stay flat.
 *
 * <p>Bound: VmRSS may grow by less than 64 MiB over 1,000 steps that follow 1,500 warm-up steps. Both
 * samples are taken after {@code System.gc()} and a short pause, so that native buffers of
 * unreachable arrays have been released (otherwise the sample measures how lazily the collector
 * runs, not a leak). The shapes (batch 64, 32 → 256 → 10) make every step allocate about 0.5 MiB of
 * arrays, so retaining the graphs or the arrays of each step would add hundreds of MiB, well above
 * the bound, while allocator and JIT noise (measured at 10–70 MiB with 8×16 shapes) stays below it.
 * The measured growth is printed. Set {@code -Dsnn4j.memtest.leak=true} to retain every step's
 * loss tensor and graph.
 *
 * <p>Without {@code NativeMemoryPressure} (the tape's bound on dead native buffers awaiting
 * collection) VmRSS grew by about 340–360 MiB per 1,000 steps at these shapes while the Java heap
 * after GC stayed flat: ND4J frees a native buffer only when the collector has collected its Java
 * owner, and the collector had no reason to run.
 */
class TrainingMemoryTest {
    static final Path STATUS = Path.of("/proc/self/status");
    static final long BOUND_BYTES = 64L << 20;
    /** Steps before the first sample: long enough for the allocator's high-water mark to settle (~1,200 steps measured). */
    static final int WARMUP = 1500;

    static long vmRssBytes() throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.trim().split("\\s+");
                return Long.parseLong(f[1]) * 1024; // kB
            }
        }
        throw new IOException("no VmRSS in " + STATUS);
    }

    static long settledRss() throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(Long.getLong("snn4j.memtest.settleMs", 300)); // let JavaCPP's deallocator release the native buffers of collected arrays
        return vmRssBytes();
    }

    @Test
    void thousandTrainingStepsDoNotGrowResidentMemory() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isReadable(STATUS), "no /proc/self/status on this platform");
        boolean leak = Boolean.getBoolean("snn4j.memtest.leak");
        List<Tensor> retained = new ArrayList<>();
        SplitMix64 rng = new SplitMix64(7);
        TinyMlp model = new TinyMlp(32, 256, 10, DataType.FLOAT, rng);
        Sgd opt = new Sgd(ParamGroups.splitWeightDecay(model, 1e-4), Sgd.Options.builder().lr(0.05).momentum(0.9).build());
        Tensor x = Tensor.constant(Init.normal(DataType.FLOAT, new long[] {64, 32}, 0, 1, rng));
        Tensor y = Tensor.constant(Init.uniform(DataType.FLOAT, new long[] {64, 10}, -1, 1, rng));
        double first = 0;
        double last = 0;
        long before = 0;
        for (int step = 0; step < WARMUP + 1000; step++) {
            if (step == WARMUP) {
                before = settledRss();
            }
            opt.zeroGrad();
            Tensor loss = TinyMlp.mse(model.forward(x), y);
            last = LossGuard.check(loss.item(), step);
            if (step == 0) {
                first = last;
            }
            if (leak) {
                loss.backward(Nd4j.onesLike(loss.value()), true);
                retained.add(loss);
            } else {
                loss.backward();
            }
            opt.step();
        }
        long after = settledRss();
        long growth = after - before;
        System.out.printf("TrainingMemoryTest: heap committed %.1f MiB, used %.1f MiB%n", java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0, java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
        System.out.printf("TrainingMemoryTest: VmRSS %.1f MiB after warm-up, %.1f MiB after 1000 more steps "
                + "(growth %.1f MiB, bound 64 MiB); loss %.4f -> %.4f%s%n", before / 1048576.0, after / 1048576.0,
                growth / 1048576.0, first, last, leak ? " [leak mode: " + retained.size() + " graphs retained]" : "");
        assertTrue(last < first, "the loop must actually train (loss " + first + " -> " + last + ")");
        assertTrue(growth < BOUND_BYTES, "VmRSS grew by " + growth / 1048576.0 + " MiB over 1000 steps (bound 64 MiB)");
    }

    /**
     * Large arrays and few Java objects: without the tape's bound on dead native buffers the collector
     * never runs and the garbage piles up (measured: 16 GiB peak RSS for 200 steps of 32 MiB arrays).
     * 100 steps of four 32 MiB arrays each would leave 12.8 GiB of garbage; the peak must stay under
     * 1 GiB above the starting RSS (the loop stops as soon as it does not).
     */
    @Test
    void largeArraysDoNotPileUpOffHeap() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(STATUS), "no /proc/self/status on this platform");
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 8, 1 << 20));
        long start = vmRssBytes();
        long peak = start;
        for (int i = 0; i < 100 && peak - start < (1L << 30); i++) {
            x.zeroGrad();
            x.mul(2.0).sigmoid().sum().backward();
            peak = Math.max(peak, vmRssBytes());
        }
        System.out.printf("TrainingMemoryTest: large arrays: VmRSS %.1f MiB at start, peak %.1f MiB%n",
                start / 1048576.0, peak / 1048576.0);
        assertTrue(peak - start < (1L << 30), "peak VmRSS grew by " + (peak - start) / 1048576.0 + " MiB");
    }
}
