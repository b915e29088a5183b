package io.snn4j.bench.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StepBenchTest {

    @Test
    void printsFirstStepsPhasesOpKindsRssAndStepMsLast() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StepBench.run(new StepBenchOptions("sew-resnet18", 1, 1, false, 1, 2), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        String all = String.join("\n", lines);
        assertTrue(all.contains("first_steps_ms "), all);
        assertTrue(all.contains("phases_ms forward "), all);
        assertTrue(all.contains("ops_ms conv_fwd "), all);
        assertTrue(all.contains("peak_rss_mib "), all);
        assertTrue(all.matches("(?s).*\\npage_faults_per_timed_step \\d+\\n.*"), all);
        assertTrue(all.matches("(?s).*\\nfirst_steps_page_faults \\d+ \\d+ \\d+\\n.*"), all);
        assertTrue(lines[0].matches(".*, OMP_WAIT_POLICY=[^,]+, GOMP_SPINCOUNT=[^,]+, MALLOC_ARENA_MAX=[^,]+, "
                + "MaxNewSize=(\\d+m|\\(default\\)|\\(unknown\\))"), lines[0]);
        String last = lines[lines.length - 1];
        assertTrue(last.matches("step_ms \\d+\\.\\d"), last);
        assertTrue(Double.parseDouble(last.substring(8)) > 0, last);
    }

    @Test
    void minorFaultsCountMemoryTouchedForTheFirstTime() {
        long before = StepBench.minorFaults();
        org.junit.jupiter.api.Assumptions.assumeTrue(before > 0, "no /proc/self/stat");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(64 << 20);   // fresh native memory
        for (int i = 0; i < b.capacity(); i += 4096) {
            b.put(i, (byte) 1);
        }
        assertTrue(StepBench.minorFaults() - before >= 8192, "64 MiB of fresh pages: at least 8,192 faults");
    }

    @Test
    void inferenceRunsForwardOnly() {
        StepWorkload w = new StepWorkload("sew-resnet18", 1, 1, true);
        assertTrue(Double.isNaN(w.step()));
        assertTrue(w.forwardNanos > 0);
        assertEquals(0, w.backwardNanos);
    }

    @Test
    void trainingStepReturnsAFiniteLoss() {
        StepWorkload w = new StepWorkload("sew-resnet18", 1, 2, false);
        double l1 = w.step();
        double l2 = w.step();
        assertTrue(Double.isFinite(l1) && Double.isFinite(l2), l1 + " " + l2);
    }

    @Test
    void optionsAreValidatedWithTheirNames() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepBenchOptions("lenet", 1, 1, false, 0, 1))
                .getMessage().contains("model"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepBenchOptions("vggsnn", 0, 1, false, 0, 1))
                .getMessage().contains("timeSteps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepBenchOptions("vggsnn", 1, 0, false, 0, 1))
                .getMessage().contains("batch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepBenchOptions("vggsnn", 1, 1, false, -1, 1))
                .getMessage().contains("warmup"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepBenchOptions("vggsnn", 1, 1, false, 0, 0))
                .getMessage().contains("steps"));
    }
}
