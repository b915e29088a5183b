package io.snn4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory bounded by the data: a JVM with a 256 MiB heap rejects every decompression bomb and
 * oversized header declaration of {@link HostileFiles} with a {@link CorruptDataException} (file,
 * offset, what was expected) in bounded time, instead of allocating what the header claims.
 */
class BoundedMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aJvmWith256MiBHeapRejectsEveryBombWithCorruptDataException() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), HostileFiles.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertTrue(done, "the probe JVM did not finish within 120 s:\n" + out);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
        assertEquals(HostileFiles.Kind.values().length, lines.size(), out);
        for (HostileFiles.Kind k : HostileFiles.Kind.values()) {
            String line = lines.stream().filter(l -> l.startsWith(k + " ")).findFirst().orElse("missing " + k);
            assertTrue(line.contains(" CorruptDataException " + dir + File.separator), line);
            assertTrue(line.contains(": at byte offset ") && line.contains(": expected "), line);
        }
    }

    @Test
    void inProcessEveryBombNamesFileOffsetAndWhatWasExpected() throws IOException {
        for (var e : HostileFiles.writeAll(dir).entrySet()) {
            CorruptDataException ex = org.junit.jupiter.api.Assertions.assertThrows(CorruptDataException.class,
                    () -> HostileFiles.readFully(e.getKey(), e.getValue()), e.getKey().toString());
            assertEquals(e.getValue().toString(), ex.source(), ex.getMessage());
            String expected = switch (e.getKey()) {
                case AEDAT4_LZ4_BOMB -> "LZ4 blocks decoding to at most";
                case AEDAT4_HUGE_PACKET -> "an event packet (268435456 bytes)";
                case AEDAT31_HUGE_PACKET -> "a polarity packet body of 33554432 events";
                case IDX_HUGE_LABEL_COUNT -> "2147483647 labels";
                case IDX_HUGE_IMAGES -> "2700000 images of 28x28 bytes";
                case IDX_TRUNCATED_GZ -> "truncated or corrupt compressed data";
            };
            assertTrue(ex.getMessage().contains(expected), e.getKey() + ": " + ex.getMessage());
            assertTrue(ex.offset() > 0 && ex.offset() < 2_000_000, e.getKey() + ": " + ex.getMessage());
        }
    }
}
