package io.snn4j.bench.step;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.snn4j.bench.RunSettings;
import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.OpProfile;

/**
 * {@code bench step}: times whole training steps (forward, TET + 0.001·MSE loss, backward, Adam; see
 * {@link StepWorkload}) or inference forwards of a model on random input of its paper's shape, and prints
 * the first three steps' times and page faults, the median phase breakdown (forward/loss/backward/optimizer), the median
 * time per operation kind (conv/BN/neuron/other, forward and backward, from {@link OpProfile}), the minor page
 * faults per timed step, the collections that ran during the timed steps per collector (a full one,
 * {@code G1_Old_Generation}, is what the tape requests when dead native buffers add up) with the Java heap's size,
 * the resident set size after each step, the peak RSS ({@code VmHWM}) and, as the last line, {@code step_ms X}: the
 * median of the timed steps.
 *
 * <p>The op breakdown is collected on separate profiled steps after the timed ones, so the profiler's
 * clock reads do not enter {@code step_ms}.
 */
public final class StepBench {
    private StepBench() {
    }

    /** Runs the benchmark described by {@code o}, printing to {@code out}. */
    public static void run(StepBenchOptions o, PrintStream out) {
        out.printf(Locale.ROOT, "bench step: model %s T=%d B=%d %s, warmup %d, steps %d, FLOAT, %s%n",
                o.model(), o.timeSteps(), o.batch(), o.infer() ? "inference" : "training", o.warmup(), o.steps(),
                RunSettings.describe());
        long rss0 = procStatus("VmRSS");
        StepWorkload w = new StepWorkload(o.model(), o.timeSteps(), o.batch(), o.infer());
        out.printf(Locale.ROOT, "model %s: %d parameters; rss_before_model_mib %.0f%n", o.model(), w.model().parameterCount(),
                rss0 / 1024.0);
        int total = o.warmup() + o.steps();
        double[] stepMs = new double[total];
        double[][] phases = new double[4][o.steps()];
        long[] rss = new long[total];
        Map<String, Long> gcAtTimed = collections();
        long faultsAtTimed = minorFaults();
        long[] firstFaults = new long[Math.min(3, total)];
        for (int i = 0; i < total; i++) {
            long f0 = i < firstFaults.length ? minorFaults() : 0;
            if (i == o.warmup()) {
                gcAtTimed = collections();
                faultsAtTimed = minorFaults();
            }
            long t0 = System.nanoTime();
            w.step();
            stepMs[i] = (System.nanoTime() - t0) / 1e6;
            rss[i] = procStatus("VmRSS");
            if (i < firstFaults.length) {
                firstFaults[i] = minorFaults() - f0;
            }
            if (i >= o.warmup()) {
                int k = i - o.warmup();
                phases[0][k] = w.forwardNanos / 1e6;
                phases[1][k] = w.lossNanos / 1e6;
                phases[2][k] = w.backwardNanos / 1e6;
                phases[3][k] = w.optimizerNanos / 1e6;
            }
        }
        StringBuilder first = new StringBuilder("first_steps_ms");
        for (int i = 0; i < Math.min(3, total); i++) {
            first.append(String.format(Locale.ROOT, " %.1f", stepMs[i]));
        }
        out.println(first);
        StringBuilder firstPf = new StringBuilder("first_steps_page_faults");
        for (long f : firstFaults) {
            firstPf.append(' ').append(f);
        }
        out.println(firstPf);
        StringBuilder all = new StringBuilder("steps_ms");
        for (double v : stepMs) {
            all.append(String.format(Locale.ROOT, " %.0f", v));
        }
        out.println(all);
        double[] steady = Arrays.copyOfRange(stepMs, o.warmup(), total);
        out.printf(Locale.ROOT, "steady_steps_ms min %.1f median %.1f max %.1f (%d steps)%n", min(steady), median(steady),
                max(steady), steady.length);
        long faults = minorFaults() - faultsAtTimed;
        out.printf(Locale.ROOT, "page_faults_per_timed_step %.0f%n", (double) faults / o.steps());
        StringBuilder gc = new StringBuilder("collections_in_timed_steps");
        Map<String, Long> gcAfter = collections();
        for (Map.Entry<String, Long> e : gcAfter.entrySet()) {
            gc.append(' ').append(e.getKey()).append(' ').append(e.getValue() - gcAtTimed.getOrDefault(e.getKey(), 0L));
        }
        Runtime rt = Runtime.getRuntime();
        out.println(gc.append(String.format(Locale.ROOT, "; java_heap_mib committed %.0f used %.0f",
                rt.totalMemory() / 1048576.0, (rt.totalMemory() - rt.freeMemory()) / 1048576.0)));
        out.printf(Locale.ROOT, "phases_ms forward %.1f loss %.1f backward %.1f optimizer %.1f (medians)%n",
                median(phases[0]), median(phases[1]), median(phases[2]), median(phases[3]));

        // op kinds on separate, profiled steps
        int profiled = Math.min(3, o.steps());
        List<Map<String, Double>> kinds = new ArrayList<>();
        for (int i = 0; i < profiled; i++) {
            OpProfile p = new OpProfile();
            try (GradMode.Scope ignored = OpProfile.attach(p)) {
                w.step();
            }
            kinds.add(byKind(p));
        }
        StringBuilder ops = new StringBuilder("ops_ms");
        for (String k : kinds.get(0).keySet()) {
            double[] v = kinds.stream().mapToDouble(m -> m.get(k)).toArray();
            ops.append(String.format(Locale.ROOT, " %s %.1f", k, median(v)));
        }
        out.println(ops.append(" (medians of ").append(profiled).append(" profiled steps)"));

        StringBuilder r = new StringBuilder("rss_mib");
        for (long v : rss) {
            r.append(String.format(Locale.ROOT, " %.0f", v / 1024.0));
        }
        out.println(r);
        out.printf(Locale.ROOT, "peak_rss_mib %.0f%n", procStatus("VmHWM") / 1024.0);
        out.printf(Locale.ROOT, "step_ms %.1f%n", median(steady));
    }

    /** conv/bn/neuron/other, forward and backward, of one profiled step. */
    static Map<String, Double> byKind(OpProfile p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String dir : new String[] {"fwd", "bwd"}) {
            for (String k : new String[] {"conv", "bn", "neuron", "other"}) {
                m.put(k + "_" + dir, 0.0);
            }
        }
        p.forwardMillis().forEach((op, ms) -> m.merge(kind(op) + "_fwd", ms, Double::sum));
        p.backwardMillis().forEach((op, ms) -> m.merge(kind(op) + "_bwd", ms, Double::sum));
        return m;
    }

    static String kind(String op) {
        return switch (op) {
            case "conv2d" -> "conv";
            case "batchNorm" -> "bn";
            case "lif", "lmh", "mpe-psn" -> "neuron";
            default -> "other";
        };
    }

    /** Collections so far per collector ({@code G1_Young_Generation}, {@code G1_Old_Generation}: full ones). */
    static Map<String, Long> collections() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            m.put(b.getName().replace(' ', '_'), b.getCollectionCount());
        }
        return m;
    }

    /**
     * The process's minor page faults so far (/proc/self/stat, field 10; 0 where there is no /proc): memory touched for
     * the first time, each fault ≈ 3 µs of kernel time on a VM, so a steady step should make few.
     */
    static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);   // after "(comm) ": state ppid pgrp session tty_nr tpgid flags minflt
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A field of /proc/self/status in KiB (0 where there is no /proc). */
    static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /**
     * Entry point until the CLI has {@code bench step}:
     * {@code model T B [infer] [warmup] [steps]}, e.g. {@code vggsnn 4 4}.
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: StepBench vggsnn|resnet19|sew-resnet18 T B [train|infer] [warmup=2] [steps=5]");
            System.exit(2);
        }
        boolean infer = args.length > 3 && args[3].equals("infer");
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        run(new StepBenchOptions(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), infer, warmup, steps),
                System.out);
    }
}
