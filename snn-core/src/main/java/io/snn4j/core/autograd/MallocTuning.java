package io.snn4j.core.autograd;

import java.util.Locale;

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
 * <p>These are process-wide settings, like the collections {@link NativeMemoryPressure} requests; the library
 * applies them on Linux with glibc unless {@code -Dsnn4j.malloc.tune=false}, and logs once that it did. Elsewhere
 * (or when JNA cannot reach {@code mallopt}) nothing changes.
 */
final class MallocTuning {
    private static final Logger LOG = LoggerFactory.getLogger(MallocTuning.class);
    /** {@code mallopt} parameters (glibc's malloc.h). */
    static final int M_TRIM_THRESHOLD = -1;
    static final int M_TOP_PAD = -2;
    static final int M_MMAP_THRESHOLD = -3;
    /**
     * Chunks up to this size come from the arena: half a non-main arena's 64 MiB heap (larger chunks are mmapped
     * whatever the threshold; 64 MiB measured no better).
     */
    static final int MMAP_THRESHOLD = 32 << 20;
    static final int TOP_PAD = 64 << 20;

    private MallocTuning() {
    }

    /** glibc's {@code int mallopt(int param, int value)}. */
    interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /** Applies the settings on the first call; returns whether they are in effect. */
    static boolean ensure() {
        return Once.APPLIED;
    }

    private static final class Once {
        static final boolean APPLIED = apply();
    }

    private static boolean apply() {
        if (!Boolean.parseBoolean(System.getProperty("snn4j.malloc.tune", "true"))) {
            return false;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            LibC c = (LibC) Native.loadLibrary("c", LibC.class);
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1;
            ok &= c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1;
            ok &= c.mallopt(M_TOP_PAD, TOP_PAD) == 1;
            if (ok) {
                LOG.info("snn4j: glibc malloc keeps freed memory for reuse (mallopt M_TRIM_THRESHOLD 2 GiB, M_TOP_PAD "
                        + "64 MiB, M_MMAP_THRESHOLD 32 MiB); -Dsnn4j.malloc.tune=false leaves the allocator alone");
            }
            return ok;
        } catch (Throwable t) {   // no glibc (musl), no JNA native part: leave the allocator as it is
            LOG.debug("snn4j: mallopt not available, allocator left as it is", t);
            return false;
        }
    }
}
