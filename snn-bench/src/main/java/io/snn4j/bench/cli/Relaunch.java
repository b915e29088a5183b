package io.snn4j.bench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.snn4j.bench.RunSettings;
import io.snn4j.core.autograd.MallocTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the CLI in a child JVM started with {@code MALLOC_ARENA_MAX=1} when this one was started without an arena
 * limit, before anything else is loaded. glibc reads the variable only when a process starts, and with it libnd4j's
 * per-call convolution scratch is reused instead of mapped afresh: training steps up to 20 % faster
 * ({@link MallocTuning}; docs/user-guide.md, Memory). The child gets the same JVM options, class path and
 * arguments, shares standard input and output, and its exit status is this JVM's. Not done when the environment
 * sets its own limit, off Linux or glibc, with {@code -Dsnn4j.malloc.tune=false}, under an agent (debugger,
 * profiler), or inside a child already.
 *
 * <p>The child's environment also carries {@link MallocTuning}'s other settings (so it needs no {@code mallopt}) and
 * a shorter OpenMP spin ({@link #openMp}), and its young generation is bounded ({@value #YOUNG_GENERATION}) unless
 * the options size it: the tensors live off the Java heap, so the heap holds small objects that die within a step, a
 * few MiB per step. Left to itself G1 let the young generation grow past 100 MiB between collections, and every page
 * it touched stayed resident; bounded, peak RSS of the VGGSNN step fell by 80–270 MiB at the same step time
 * (docs/benchmarks.md).
 */
final class Relaunch {
    private static final Logger LOG = LoggerFactory.getLogger(Relaunch.class);
    /** Set in the child's environment: a child never starts another. */
    static final String CHILD_ENV = "SNN4J_RELAUNCHED";
    /** The child's bound on the young generation, unless its options size that generation themselves. */
    static final String YOUNG_GENERATION = "-XX:MaxNewSize=32m";
    /** The child's libgomp spin count, unless the environment sets how libgomp's threads wait. */
    static final String SPIN_COUNT = "10000";

    private Relaunch() {
    }

    /**
     * Whether a JVM started with {@code env} and {@code jvmOptions} should start the CLI again in a child: not when it
     * runs an agent (a debugger, a profiler), which must see the work in the process it is attached to (and a second
     * copy would fight over its port or output file).
     */
    static boolean wanted(Map<String, String> env, List<String> jvmOptions) {
        return !env.containsKey(CHILD_ENV) && jvmOptions.stream().noneMatch(Relaunch::agent)
                && MallocTuning.shouldLimitArenas(env);
    }

    private static boolean agent(String jvmOption) {
        return jvmOption.startsWith("-agentlib:") || jvmOption.startsWith("-agentpath:")
                || jvmOption.startsWith("-javaagent:") || jvmOption.startsWith("-Xrunjdwp") || jvmOption.equals("-Xdebug");
    }

    /**
     * The child's command line: {@code java}, the young-generation bound unless {@code jvmOptions} size that
     * generation ({@code -Xmn}, {@code NewSize}, {@code MaxNewSize}, {@code NewRatio}, G1's percentages), this JVM's
     * options, its class path, the main class, the arguments.
     */
    static List<String> command(String java, List<String> jvmOptions, String classPath, String mainClass,
                                String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        if (jvmOptions.stream().noneMatch(Relaunch::sizesYoungGeneration)) {
            cmd.add(YOUNG_GENERATION);
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The OpenMP settings the child adds to {@code env} (this JVM's environment): {@code GOMP_SPINCOUNT=10000}.
     * After each of libnd4j's parallel regions libgomp's worker spins for 300,000 iterations by default before it
     * sleeps, and on a machine whose cores the step fills that spinning core is the one the library's Java kernels
     * (BatchNorm, the neurons, the optimizer), the JIT compiler and the collector wait for. With 10,000 the worker
     * still spins through the short gaps between libnd4j's calls, then sleeps: VGGSNN's and ResNet-19's steady steps
     * were faster in 17 of 21 alternations (median 6 %), SEW-ResNet-18's first step 10 % faster and its steady step the
     * same. Sleeping at once ({@code OMP_WAIT_POLICY=PASSIVE}) gave the larger models as much but made SEW-ResNet-18's
     * step 9 % slower: its many small convolutions then each wait for the worker to wake (docs/benchmarks.md).
     * Nothing when {@code env} sets the wait policy or the spin count itself.
     */
    static Map<String, String> openMp(Map<String, String> env) {
        return env.containsKey(RunSettings.WAIT_POLICY_ENV) || env.containsKey(RunSettings.SPIN_COUNT_ENV) ? Map.of()
                : Map.of(RunSettings.SPIN_COUNT_ENV, SPIN_COUNT);
    }

    private static boolean sizesYoungGeneration(String jvmOption) {
        return jvmOption.startsWith("-Xmn") || jvmOption.startsWith("-XX:") && (jvmOption.contains("NewSize")
                || jvmOption.contains("NewRatio"));
    }

    /**
     * Runs the CLI with {@code args} in a child JVM when {@link #wanted}; returns its exit status, or empty when this
     * JVM should run the command itself (not wanted, or the child could not be started).
     */
    static OptionalInt inChild(String[] args) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!wanted(System.getenv(), jvmOptions)) {
            return OptionalInt.empty();
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = command(java, jvmOptions, System.getProperty("java.class.path"), SnnCli.class.getName(),
                args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        MallocTuning.launchEnvironment().forEach(pb.environment()::putIfAbsent);   // a user's own values are kept
        pb.environment().putAll(openMp(System.getenv()));
        pb.environment().put(CHILD_ENV, "1");
        // both already among this JVM's options, which the child gets: not twice (an agent would load twice)
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process child;
        try {
            child = pb.start();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("snn4j: could not start the child JVM, running here", e);
            return OptionalInt.empty();
        }
        LOG.debug("snn4j: running in a child JVM (pid {}) with {}=1, {}={}: {}", child.pid(),
                MallocTuning.ARENA_MAX_ENV, RunSettings.SPIN_COUNT_ENV,
                pb.environment().getOrDefault(RunSettings.SPIN_COUNT_ENV, "(unset)"),
                String.join(" ", cmd.subList(0, cmd.indexOf("-cp"))));
        Thread stop = new Thread(() -> {   // this JVM told to stop (SIGTERM, SIGINT): the child stops too
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "snn4j-child-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        while (true) {
            try {
                int status = child.waitFor();
                Runtime.getRuntime().removeShutdownHook(stop);
                return OptionalInt.of(status);
            } catch (InterruptedException e) {
                // the main thread is not interrupted by anyone but a shutdown, which the hook handles
            } catch (IllegalStateException e) {   // shutdown already under way: the hook waits for the child
                return OptionalInt.of(child.exitValue());
            }
        }
    }
}
