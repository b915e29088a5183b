package io.snn4j.core.autograd;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * glibc's allocator set up for a training loop, once per process, before the tape's first array.
 *
 * <p>libnd4j's convolutions allocate their oneDNN reorder buffers with {@code malloc} on every call (several MiB
 * each) and free them on return. The JVM's threads allocate from glibc's non-main arenas, which by default give a
 * freed region back to the kernel at once ({@code M_TRIM_THRESHOLD}, 128 KiB, adapted upwards only for the main
 * arena) and serve chunks above 128 KiB by {@code mmap}: every call then faults its buffers in afresh, at about
 * 2.8 µs per 4 KiB page. Measured on VGGSNN (T = 4, B = 4): 150 k page faults and 0.35 s of kernel time per training
 * step, 12 % of the step. With freed memory kept ({@code M_TRIM_THRESHOLD} 2 GiB, {@code M_TOP_PAD} 64 MiB) and
 * chunks up to 32 MiB served from the arena ({@code M_MMAP_THRESHOLD}) the faults halve and the step is 10–15 %
 * faster, for a peak resident set 3–5 % higher (docs/benchmarks.md).
 *
 * <p>What no setting made from inside the JVM reaches: libnd4j creates a oneDNN primitive for every convolution
 * backward call, and the primitive brings its own scratch memory (50–140 MiB for VGGSNN's Winograd layers), freed
 * with it. A non-main arena cannot hold a chunk above its 64 MiB heap, so glibc maps and unmaps those on every call
 * (VGGSNN: ~62 k page faults per step). The JVM's main thread is not the process's first thread and gets a non-main
 * arena at its first {@code malloc}, before any library code runs. Started with {@value #ARENA_MAX_ENV}{@code =1}
 * every thread shares the main arena, whose heap grows without that bound; this class then also turns
 * {@code mmap} off ({@code M_MMAP_MAX} 0) so that chunks of every size come from that heap and are reused after the
 * first step: VGGSNN's step 10–20 % faster, page faults per step from ~62 k to ~1 k, the same peak resident set
 * (docs/benchmarks.md). With per-thread arenas {@code M_MMAP_MAX} stays as it is: there it saves a third of the
 * faults but keeps ~110 MiB more resident. The {@code snn} CLI starts itself again with the variable when it is
 * missing (see {@link #shouldLimitArenas}); an application sets it in its launcher.
 *
 * <p>These are process-wide settings, like the collections {@link NativeMemoryPressure} requests; the library
 * applies them on Linux with glibc unless {@code -Dsnn4j.malloc.tune=false}, and logs once that it did. A setting
 * the environment already makes ({@code GLIBC_TUNABLES}, or the {@code MALLOC_*_} variable glibc reads at start) is
 * kept, and when the environment makes them all ({@link #launchEnvironment()}) JNA is not loaded. Elsewhere (or when
 * JNA cannot reach {@code mallopt}) nothing changes.
 */
public final class MallocTuning {
    private static final Logger LOG = LoggerFactory.getLogger(MallocTuning.class);
    /** The environment variable that, set to 1, puts every thread of a process on glibc's main arena. */
    public static final String ARENA_MAX_ENV = "MALLOC_ARENA_MAX";
    private static final String TUNABLES_ENV = "GLIBC_TUNABLES";
    /**
     * Chunks up to this size come from the arena: half a non-main arena's 64 MiB heap (larger chunks are mmapped
     * whatever the threshold; 64 MiB measured no better).
     */
    static final int MMAP_THRESHOLD = 32 << 20;
    static final int TOP_PAD = 64 << 20;

    private MallocTuning() {
    }

    /**
     * A glibc malloc parameter: its {@code mallopt} number (glibc's malloc.h), its name among the
     * {@code GLIBC_TUNABLES} ({@code glibc.malloc.NAME}), and the environment variable glibc also reads at start.
     */
    enum Param {
        TRIM_THRESHOLD(-1, "trim_threshold", "MALLOC_TRIM_THRESHOLD_"),
        TOP_PAD(-2, "top_pad", "MALLOC_TOP_PAD_"),
        MMAP_THRESHOLD(-3, "mmap_threshold", "MALLOC_MMAP_THRESHOLD_"),
        MMAP_MAX(-4, "mmap_max", "MALLOC_MMAP_MAX_"),
        ARENA_MAX(-8, "arena_max", ARENA_MAX_ENV);

        final int mallopt;
        final String tunable;
        final String variable;

        Param(int mallopt, String tunable, String variable) {
            this.mallopt = mallopt;
            this.tunable = "glibc.malloc." + tunable;
            this.variable = variable;
        }

        /** The value {@code env} gives this parameter, or null; {@code GLIBC_TUNABLES} first: it overrides the variable. */
        String in(Map<String, String> env) {
            String tunables = env.get(TUNABLES_ENV);
            if (tunables != null) {
                for (String t : tunables.split(":")) {
                    if (t.startsWith(tunable + "=")) {
                        return t.substring(tunable.length() + 1).trim();
                    }
                }
            }
            String v = env.get(variable);
            return v == null ? null : v.trim();
        }
    }

    /**
     * The settings this class makes: freed memory kept (trim threshold 2 GiB, top pad 64 MiB), and either no
     * {@code mmap} at all (one arena) or chunks up to {@link #MMAP_THRESHOLD} from the arena (per-thread arenas).
     */
    static Map<Param, Integer> settings(boolean singleArena) {
        Map<Param, Integer> s = new EnumMap<>(Param.class);
        s.put(Param.TRIM_THRESHOLD, Integer.MAX_VALUE);
        s.put(Param.TOP_PAD, TOP_PAD);
        if (singleArena) {
            s.put(Param.MMAP_MAX, 0);
        } else {
            s.put(Param.MMAP_THRESHOLD, MMAP_THRESHOLD);
        }
        return s;
    }

    /** The settings {@code env} does not make itself: those left for {@code mallopt}. */
    static Map<Param, Integer> missing(Map<String, String> env) {
        Map<Param, Integer> s = settings(singleArena(env));
        s.keySet().removeIf(p -> p.in(env) != null);
        return s;
    }

    /**
     * The environment to start a training JVM with (the {@code snn} CLI's child does): one arena and this class's
     * settings, as the variables glibc reads at start, so that the JVM needs no {@code mallopt} (nor JNA) for them.
     */
    public static Map<String, String> launchEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ARENA_MAX_ENV, "1");
        settings(true).forEach((p, v) -> env.put(p.variable, Integer.toString(v)));
        return env;
    }

    /** glibc's {@code int mallopt(int param, int value)}. */
    interface LibC extends Library {
        int mallopt(int param, int value);

        /** glibc only: musl and others lack it. */
        String gnu_get_libc_version();
    }

    /**
     * Whether {@code env} (a process's environment) limits glibc to its main arena: {@value #ARENA_MAX_ENV}{@code =1},
     * or {@code glibc.malloc.arena_max=1} among the {@code GLIBC_TUNABLES}.
     */
    static boolean singleArena(Map<String, String> env) {
        return "1".equals(Param.ARENA_MAX.in(env));
    }

    /**
     * Whether a JVM started with {@code env} would run faster with {@value #ARENA_MAX_ENV}{@code =1} added: this one
     * runs on Linux with glibc, the tuning is not turned off ({@code -Dsnn4j.malloc.tune=false}) and {@code env} sets
     * no arena limit of its own (a user's own value is kept).
     */
    public static boolean shouldLimitArenas(Map<String, String> env) {
        return enabled() && Param.ARENA_MAX.in(env) == null && glibc() != null;
    }

    private static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("snn4j.malloc.tune", "true"))
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** glibc reached through JNA, or null (not glibc, or no JNA native part). */
    private static LibC glibc() {
        try {
            LibC c = (LibC) Native.loadLibrary("c", LibC.class);
            c.gnu_get_libc_version();
            return c;
        } catch (Throwable t) {   // no glibc (musl), no JNA native part
            LOG.debug("snn4j: glibc not reachable through JNA", t);
            return null;
        }
    }

    /** Applies the settings on the first call; returns whether they are in effect. */
    static boolean ensure() {
        return Once.APPLIED;
    }

    private static final class Once {
        static final boolean APPLIED = apply();
    }

    /**
     * Makes the settings the environment does not already make (a user's own values are kept; the CLI's child gets
     * them all from {@link #launchEnvironment()} and so loads no JNA, ≈ 50 ms of its first step).
     */
    private static boolean apply() {
        if (!enabled()) {
            return false;
        }
        Map<String, String> env = System.getenv();
        Map<Param, Integer> missing = missing(env);
        boolean ok = true;
        if (missing.isEmpty()) {
            LOG.debug("snn4j: the environment makes every malloc setting; mallopt not called");
        } else {
            LibC c = glibc();
            if (c == null) {
                return false;
            }
            for (Map.Entry<Param, Integer> e : missing.entrySet()) {
                ok &= c.mallopt(e.getKey().mallopt, e.getValue()) == 1;
            }
        }
        if (ok && singleArena(env)) {
            LOG.info("snn4j: glibc malloc keeps freed memory for reuse, one arena ({}=1), no mmap (M_TRIM_THRESHOLD "
                    + "2 GiB, M_TOP_PAD 64 MiB, M_MMAP_MAX 0 unless the environment sets them); "
                    + "-Dsnn4j.malloc.tune=false leaves the allocator alone", ARENA_MAX_ENV);
        } else if (ok) {
            LOG.info("snn4j: glibc malloc keeps freed memory for reuse (M_TRIM_THRESHOLD 2 GiB, M_TOP_PAD 64 MiB, "
                    + "M_MMAP_THRESHOLD 32 MiB unless the environment sets them); -Dsnn4j.malloc.tune=false leaves "
                    + "the allocator alone. Start the JVM with {}=1 for training steps up to 20 % faster (oneDNN's "
                    + "per-call scratch is then reused; docs/user-guide.md, Memory)", ARENA_MAX_ENV);
        }
        return ok;
    }
}
