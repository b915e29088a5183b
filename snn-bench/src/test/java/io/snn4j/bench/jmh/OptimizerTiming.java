package io.snn4j.bench.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Interleaved timing of {@link OptimizerBenchmark}'s variants for a loaded machine: every round runs
 * each variant once, back to back, so load changes hit all of them alike; prints median, min and max
 * milliseconds per variant and the ratio of medians to {@code reference}.
 *
 * <pre>java -cp CLASSPATH io.snn4j.bench.jmh.OptimizerTiming [rounds]</pre>
 */
public final class OptimizerTiming {
    private OptimizerTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        for (String o : List.of("adam", "adamw", "sgd")) {
            Map<String, Supplier<Object>> variants = new LinkedHashMap<>();
            variants.put("reference", bench(o)::reference);
            variants.put("fused", bench(o)::fused);
            variants.put("fusedClip", bench(o)::fusedClip);
            if (o.equals("adam")) {
                variants.put("nativeAdam", bench(o)::nativeAdam);
            }
            Map<String, List<Double>> ms = new LinkedHashMap<>();
            variants.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
            for (int r = 0; r < rounds + 3; r++) {
                for (Map.Entry<String, Supplier<Object>> e : variants.entrySet()) {
                    long t0 = System.nanoTime();
                    e.getValue().get();
                    double d = (System.nanoTime() - t0) / 1e6;
                    if (r >= 3) {
                        ms.get(e.getKey()).add(d);   // 3 warm-up rounds
                    }
                }
            }
            double ref = median(ms.get("reference"));
            ms.forEach((k, v) -> System.out.printf("%-6s %-10s median %7.2f ms  min %7.2f  max %7.2f  (n=%d)  ref/this %.2f%n",
                    o, k, median(v), v.stream().mapToDouble(x -> x).min().orElse(0),
                    v.stream().mapToDouble(x -> x).max().orElse(0), v.size(), ref / median(v)));
        }
    }

    private static OptimizerBenchmark bench(String optimizer) {
        OptimizerBenchmark b = new OptimizerBenchmark();
        b.optimizer = optimizer;
        b.weightDecay = 5e-4;
        b.setup();
        return b;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(x -> x).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
