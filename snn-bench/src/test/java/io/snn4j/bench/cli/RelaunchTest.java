package io.snn4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The CLI starts itself again with MALLOC_ARENA_MAX=1 when the environment has no arena limit, and only then. */
class RelaunchTest {
    @Test
    void childCommandKeepsJvmOptionsClassPathAndArguments() {
        assertEquals(List.of("/jdk/bin/java", "-XX:MaxNewSize=32m", "-Xmx2g", "-Dsnn4j.x=1", "-cp", "a.jar:b.jar",
                        "io.snn4j.Main", "bench", "step", "--T", "4"),
                Relaunch.command("/jdk/bin/java", List.of("-Xmx2g", "-Dsnn4j.x=1"), "a.jar:b.jar", "io.snn4j.Main",
                        new String[] {"bench", "step", "--T", "4"}));
    }

    @Test
    void youngGenerationBoundedUnlessTheOptionsSizeIt() {
        for (String own : List.of("-Xmn256m", "-XX:NewSize=64m", "-XX:MaxNewSize=1g", "-XX:NewRatio=3",
                "-XX:G1MaxNewSizePercent=40", "-XX:+UnlockExperimentalVMOptions")) {
            List<String> cmd = Relaunch.command("java", List.of("-Xmx2g", own), "a.jar", "M", new String[0]);
            boolean sized = !own.equals("-XX:+UnlockExperimentalVMOptions");
            assertEquals(sized ? List.of("java", "-Xmx2g", own, "-cp", "a.jar", "M")
                    : List.of("java", Relaunch.YOUNG_GENERATION, "-Xmx2g", own, "-cp", "a.jar", "M"), cmd, own);
        }
    }

    @Test
    void neverFromAChildNorOverAUsersOwnArenaLimit() {
        assertFalse(Relaunch.wanted(Map.of(Relaunch.CHILD_ENV, "1"), List.of()));
        assertFalse(Relaunch.wanted(Map.of("MALLOC_ARENA_MAX", "4"), List.of()));
        assertFalse(Relaunch.wanted(Map.of("MALLOC_ARENA_MAX", "1"), List.of()));
        assertFalse(Relaunch.wanted(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2"), List.of()));
    }

    @Test
    void neverUnderADebuggerOrProfiler() throws IOException {
        assumeGlibc();
        assertTrue(Relaunch.wanted(Map.of(), List.of("-Xmx2g", "-Dsnn4j.x=1")));
        for (String agent : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-agentpath:/opt/async-profiler/libasyncProfiler.so=start,file=p.html", "-javaagent:/opt/agent.jar",
                "-Xrunjdwp:transport=dt_socket", "-Xdebug")) {
            assertFalse(Relaunch.wanted(Map.of(), List.of("-Xmx2g", agent)), agent);
        }
    }

    @Test
    void openMpThreadsSpinBrieflyUnlessTheEnvironmentSaysHowTheyWait() {
        assertEquals(Map.of("GOMP_SPINCOUNT", "10000"), Relaunch.openMp(Map.of("OMP_NUM_THREADS", "2")));
        assertEquals(Map.of(), Relaunch.openMp(Map.of("OMP_WAIT_POLICY", "ACTIVE")));
        assertEquals(Map.of(), Relaunch.openMp(Map.of("GOMP_SPINCOUNT", "10000")));
    }

    @Test
    void mainRunsTheCommandInAChildWithOneArena() throws Exception {
        assumeGlibc();
        assertTrue(Relaunch.wanted(Map.of(), List.of()), "Linux with glibc and no arena limit: a child is wanted");
        Result r = snn("-Dsnn4j.log.level=DEBUG", "bench", "neuron", "--T", "2", "--N", "4096", "--reps", "1",
                "--warmup", "0");
        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains("running in a child JVM"), r.output);
        assertTrue(r.output.contains("one arena (MALLOC_ARENA_MAX=1)"), r.output);
        assertTrue(r.output.contains(Relaunch.YOUNG_GENERATION), r.output);
        // the child's environment makes every malloc setting: no mallopt, no JNA in the child
        assertTrue(r.output.contains("mallopt not called"), r.output);
        assertTrue(r.output.contains("OMP_WAIT_POLICY=(unset), GOMP_SPINCOUNT=10000, MALLOC_ARENA_MAX=1, MaxNewSize=32m"), r.output);
        assertTrue(r.output.contains("forward_backward_ms"), r.output);
    }

    @Test
    void usersOwnWaitPolicyReachesTheChildWithoutASpinCount() throws Exception {
        assumeGlibc();
        Result r = snn(Map.of("OMP_WAIT_POLICY", "ACTIVE"), "-Dsnn4j.log.level=INFO", "bench", "neuron", "--T", "2",
                "--N", "4096", "--reps", "1", "--warmup", "0");
        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains("OMP_WAIT_POLICY=ACTIVE, GOMP_SPINCOUNT=(unset), MALLOC_ARENA_MAX=1"), r.output);
    }

    @Test
    void childsExitStatusAndOneLineErrorReachTheCaller() throws Exception {
        assumeGlibc();
        Result r = snn("-Dsnn4j.log.level=INFO", "no-such-command");
        assertEquals(SnnCli.EXIT_USAGE, r.status, r.output);
        assertEquals(1, r.output.strip().lines().count(), r.output);
        assertTrue(r.output.startsWith("snn: unknown command 'no-such-command'"), r.output);
    }

    @Test
    void optionsFromTheEnvironmentReachTheChildOnce() throws Exception {
        assumeGlibc();
        Result r = snn(Map.of("JAVA_TOOL_OPTIONS", "-Dsnn4j.relaunch.test=1"), "-Dsnn4j.log.level=INFO", "--version");
        assertEquals(0, r.status, r.output);
        assertEquals(1, r.output.split("Picked up JAVA_TOOL_OPTIONS", -1).length - 1, r.output);
        assertTrue(r.output.contains("snn4j"), r.output);
    }

    private static void assumeGlibc() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "not Linux");
        Assumptions.assumeTrue(Files.readString(maps).contains("libc.so.6"), "not glibc");
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("snn4j.malloc.tune", "true")), "turned off");
    }

    private record Result(int status, String output) {
    }

    /** {@code java <jvmOption> -cp <this class path> SnnCli args} in an environment without any arena limit. */
    private static Result snn(String jvmOption, String... args) throws Exception {
        return snn(Map.of(), jvmOption, args);
    }

    private static Result snn(Map<String, String> env, String jvmOption, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = Relaunch.command(java.toString(), List.of("-Xmx512m", jvmOption),
                System.getProperty("java.class.path"), SnnCli.class.getName(), args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("MALLOC_ARENA_MAX");
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().remove(Relaunch.CHILD_ENV);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("GOMP_SPINCOUNT");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "snn did not finish: " + out);
        return new Result(p.exitValue(), out);
    }
}
