package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** On Linux with glibc the tape's allocator settings take effect (mallopt accepts all three values). */
class MallocTuningTest {
    @Test
    void glibcAcceptsTheSettingsOnLinux() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "not Linux");
        Assumptions.assumeTrue(Files.readString(maps).contains("libc.so.6"), "not glibc");
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("snn4j.malloc.tune", "true")), "turned off");
        assertTrue(MallocTuning.ensure(), "mallopt refused a value or could not be called through JNA");
    }
}
