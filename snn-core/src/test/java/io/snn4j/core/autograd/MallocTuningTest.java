package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** On Linux with glibc the tape's allocator settings take effect; the environment's arena limit is read as glibc does. */
class MallocTuningTest {
    @Test
    void glibcAcceptsTheSettingsOnLinux() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "not Linux");
        Assumptions.assumeTrue(Files.readString(maps).contains("libc.so.6"), "not glibc");
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("snn4j.malloc.tune", "true")), "turned off");
        assertTrue(MallocTuning.ensure(), "mallopt refused a value or could not be called through JNA");
    }

    @Test
    void oneArenaFromTheVariableOrTheTunable() {
        assertTrue(MallocTuning.singleArena(Map.of("MALLOC_ARENA_MAX", "1")));
        assertTrue(MallocTuning.singleArena(Map.of("GLIBC_TUNABLES", "glibc.malloc.check=0:glibc.malloc.arena_max=1")));
        assertFalse(MallocTuning.singleArena(Map.of("MALLOC_ARENA_MAX", "2")));
        assertFalse(MallocTuning.singleArena(Map.of()));
        // glibc applies GLIBC_TUNABLES after the older variable
        assertFalse(MallocTuning.singleArena(
                Map.of("MALLOC_ARENA_MAX", "1", "GLIBC_TUNABLES", "glibc.malloc.arena_max=8")));
        assertTrue(MallocTuning.singleArena(
                Map.of("MALLOC_ARENA_MAX", "8", "GLIBC_TUNABLES", "glibc.malloc.arena_max=1")));
    }

    @Test
    void aUsersOwnArenaLimitIsKept() {
        assertFalse(MallocTuning.shouldLimitArenas(Map.of("MALLOC_ARENA_MAX", "4")));
        assertFalse(MallocTuning.shouldLimitArenas(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")));
    }
}
