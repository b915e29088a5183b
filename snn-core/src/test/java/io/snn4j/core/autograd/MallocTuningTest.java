package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.snn4j.core.autograd.MallocTuning.Param;
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
    void settingsTheEnvironmentMakesAreLeftToIt() {
        assertEquals(Set.of(Param.TRIM_THRESHOLD, Param.TOP_PAD, Param.MMAP_THRESHOLD),
                MallocTuning.missing(Map.of()).keySet());
        assertEquals(Set.of(Param.TRIM_THRESHOLD, Param.TOP_PAD, Param.MMAP_MAX),
                MallocTuning.missing(Map.of("MALLOC_ARENA_MAX", "1")).keySet());
        assertEquals(Set.of(Param.TRIM_THRESHOLD, Param.MMAP_MAX), MallocTuning.missing(
                Map.of("MALLOC_ARENA_MAX", "1", "GLIBC_TUNABLES", "glibc.malloc.top_pad=0")).keySet());
        assertEquals(Map.of(Param.MMAP_THRESHOLD, MallocTuning.MMAP_THRESHOLD), MallocTuning.missing(
                Map.of("MALLOC_TRIM_THRESHOLD_", "0", "MALLOC_TOP_PAD_", "0")));
    }

    @Test
    void theLaunchEnvironmentMakesEverySetting() {
        Map<String, String> env = MallocTuning.launchEnvironment();
        assertTrue(MallocTuning.singleArena(env));
        assertEquals(Map.of(), MallocTuning.missing(env));
        assertEquals("0", env.get("MALLOC_MMAP_MAX_"));
        assertEquals(Integer.toString(Integer.MAX_VALUE), env.get("MALLOC_TRIM_THRESHOLD_"));
    }

    @Test
    void aUsersOwnArenaLimitIsKept() {
        assertFalse(MallocTuning.shouldLimitArenas(Map.of("MALLOC_ARENA_MAX", "4")));
        assertFalse(MallocTuning.shouldLimitArenas(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")));
    }
}
