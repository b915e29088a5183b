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
 * Training steps that release their graph ({@link Tensor#releaseGraph()}) after backward keep the resident set flat
 * without any {@code System.gc()} request: the tape's garbage-collection pressure is switched off
 * ({@code snn4j.gc.floorMiB=0}) for the test, so only explicit release can keep native memory bounded.
 *
 * <p>Shapes: a time-folded conv → BN → ReLU → avg-pool → linear network on a FLOAT {@code [4, 8, 4, 32, 32]} input:
 * about 4 MiB of activations and gradients per step against 10 KiB of parameters. Without the release (run with
 * {@code -Dsnn4j.memtest.noRelease=true}) the 400 measured steps leave ~1.5 GiB of dead native buffers to the
 * collector, which has little reason to run; with it VmRSS may grow by less than 48 MiB.
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

    static long explicitGcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += b.getCollectionCount();
        }
        return n;
    }

    @Test
    void rssStaysFlatOverManyStepsWithoutGcRequests() throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs /proc (Linux)");
        String previous = System.getProperty("snn4j.gc.floorMiB");
        System.setProperty("snn4j.gc.floorMiB", "0");
        try {
            boolean release = !Boolean.getBoolean("snn4j.memtest.noRelease");
            DataType f = DataType.FLOAT;
            SplittableRandom rng = new SplittableRandom(1);
            Conv2d conv = new Conv2d(4, 8, 3, 1, 1, false, f, rng);
            Sequential net = new Sequential(new TimeFolded(conv, new BatchNorm2d(8, f), new ReluLayer(), new AvgPool2d(4)),
                    new Flatten(2), new TimeFolded(new Linear(8 * 8 * 8, 10, true, f, rng)));
            Sgd opt = new Sgd(net.parameters(), Sgd.Options.builder().build());
            Tensor x = Tensor.constant(Nd4j.rand(f, 4, 8, 4, 32, 32));
            long[] rss = new long[3];
            long gcBefore = 0;
            int warmup = 100;
            int steps = 400;
            for (int i = 0; i < warmup + steps; i++) {
                if (i == warmup) {
                    rss[0] = rssKib();
                    gcBefore = explicitGcCount();
                }
                if (i == warmup + steps / 2) {
                    rss[1] = rssKib();
                }
                opt.zeroGrad();
                Tensor loss = net.forward(x).square().mean();
                loss.backward();
                if (release) {
                    loss.releaseGraph();
                }
                opt.step();
            }
            rss[2] = rssKib();
            long growthMib = (Math.max(rss[1], rss[2]) - rss[0]) / 1024;
            System.out.printf("StepMemoryTest: VmRSS %d → %d → %d MiB over %d steps, %d collections (none requested)%n",
                    rss[0] / 1024, rss[1] / 1024, rss[2] / 1024, steps, explicitGcCount() - gcBefore);
            assertTrue(growthMib < 48, "VmRSS grew by " + growthMib + " MiB over " + steps + " steps");
        } finally {
            if (previous == null) {
                System.clearProperty("snn4j.gc.floorMiB");
            } else {
                System.setProperty("snn4j.gc.floorMiB", previous);
            }
        }
    }

    /** ReLU as a layer (the functional op wrapped), so the network is a plain Sequential. */
    static final class ReluLayer extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.relu();
        }
    }
}
