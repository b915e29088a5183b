package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.optim.Sgd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training steps that release their graph ({@link Tensor#releaseGraph()}) after backward keep the native resident set
 * flat without the test asking for a collection: activations and consumed gradients go back to the {@link
 * io.snn4j.core.autograd.BufferPool} and the next step's conv, BN and pooling outputs reuse them.
 *
 * <p>Shapes: a time-folded conv → BN → ReLU → avg-pool → linear network on a FLOAT {@code [4, 8, 4, 16, 16]} input
 * (about 1 MiB of activations and gradients per step). The resident set less the Java heap's committed size may grow
 * by less than 120 MiB over the 250 steps (a step that kept its ~1 MiB would grow it by 250 MiB; JIT and allocator
 * noise under load reached 75 MiB) after a 50-step warm-up, sampled every 50 steps. The Java heap is left out: the
 * collector sizes its young generation on its own (up to the test JVM's -Xmx), and with no full collection requested
 * it grows to that size once. The test prints both figures and the number of collections that ran.
 */
class StepMemoryTest {
    static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        throw new IOException("no VmRSS");
    }

    /** VmRSS less the Java heap's committed size: the native memory, ND4J's buffers among it. */
    static long nativeKib() throws IOException {
        return rssKib() - Runtime.getRuntime().totalMemory() / 1024;
    }

    static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += b.getCollectionCount();
        }
        return n;
    }

    @Test
    void rssStaysFlatOverManyStepsThatReleaseTheirGraph() throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs /proc (Linux)");
        DataType f = DataType.FLOAT;
        SplittableRandom rng = new SplittableRandom(1);
        Conv2d conv = new Conv2d(4, 8, 3, 1, 1, false, f, rng);
        Sequential net = new Sequential(new TimeFolded(conv, new BatchNorm2d(8, f), new ReluLayer(), new AvgPool2d(4)),
                new Flatten(2), new TimeFolded(new Linear(8 * 4 * 4, 10, true, f, rng)));
        Sgd opt = new Sgd(net.parameters(), Sgd.Options.builder().build());
        Tensor x = Tensor.constant(Nd4j.rand(f, 4, 8, 4, 16, 16));
        int warmup = 50;
        int steps = 250;
        long first = 0;
        long max = 0;
        long firstNative = 0;
        long maxNative = 0;
        long gcBefore = 0;
        long freed = 0;
        for (int i = 0; i <= warmup + steps; i++) {
            if (i == warmup) {
                first = rssKib();
                firstNative = nativeKib();
                gcBefore = collections();
            } else if (i > warmup && (i - warmup) % 50 == 0) {
                max = Math.max(max, rssKib());
                maxNative = Math.max(maxNative, nativeKib());
            }
            opt.zeroGrad();
            Tensor loss = net.forward(x).square().mean();
            loss.backward();
            freed += loss.releaseGraph();
            opt.step();
        }
        long growthMib = (maxNative - firstNative) / 1024;
        System.out.printf("StepMemoryTest: VmRSS %d MiB after warm-up, at most %d MiB over %d steps; less the Java heap "
                + "%d and at most %d MiB; %d collections; %d KiB released per step%n", first / 1024, max / 1024, steps,
                firstNative / 1024, maxNative / 1024, collections() - gcBefore, freed / 1024 / (warmup + steps + 1));
        assertTrue(freed > 0, "releaseGraph released the activations");
        assertTrue(growthMib < 120, "VmRSS less the Java heap grew by " + growthMib + " MiB over " + steps + " steps");
    }

    /** ReLU as a layer (the functional op wrapped), so the network is a plain Sequential. */
    static final class ReluLayer extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.relu();
        }
    }
}
