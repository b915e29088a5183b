package io.snn4j.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.snn4j.core.autograd.MallocTuning;

/**
 * The process settings that a benchmark's figures depend on and that are fixed when the JVM starts: the OpenMP
 * variables libnd4j's runtime reads, glibc's arena limit and the young generation's bound. The benchmarks print them
 * in their first line, so that a figure always comes with the settings it was measured under (docs/benchmarks.md).
 */
public final class RunSettings {
    /** libgomp's wait policy: how its worker threads wait between parallel regions. */
    public static final String WAIT_POLICY_ENV = "OMP_WAIT_POLICY";
    /** libgomp's own spin count, which overrides the wait policy's. */
    public static final String SPIN_COUNT_ENV = "GOMP_SPINCOUNT";

    private RunSettings() {
    }

    /**
     * {@code OMP_NUM_THREADS=…, OMP_WAIT_POLICY=…, GOMP_SPINCOUNT=…, MALLOC_ARENA_MAX=…, MaxNewSize=…} for this process
     * ({@code (unset)} where the environment does not set a variable).
     */
    public static String describe() {
        Map<String, String> env = System.getenv();
        StringBuilder b = new StringBuilder();
        for (String name : new String[] {"OMP_NUM_THREADS", WAIT_POLICY_ENV, SPIN_COUNT_ENV,
                MallocTuning.ARENA_MAX_ENV}) {
            b.append(name).append('=').append(env.getOrDefault(name, "(unset)")).append(", ");
        }
        return b.append("MaxNewSize=").append(maxNewSize()).toString();
    }

    /**
     * The young generation's bound as the JVM options set it ({@code 32m}), or {@code (default)} when the collector
     * sizes it itself (the {@code snn} CLI's child sets it; docs/user-guide.md, Memory).
     */
    private static String maxNewSize() {
        try {
            VMOption v = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("MaxNewSize");
            return v.getOrigin() == VMOption.Origin.DEFAULT || v.getOrigin() == VMOption.Origin.ERGONOMIC ? "(default)"
                    : (Long.parseLong(v.getValue()) >> 20) + "m";
        } catch (RuntimeException e) {   // not HotSpot
            return "(unknown)";
        }
    }
}
