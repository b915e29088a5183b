package io.snn4j.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named numbers of one epoch or one evaluation, in insertion order: the row a run directory writes to
 * {@code metrics.csv}. Listeners add their own columns ({@code firing_rate.features.2}, {@code energy_uJ}, ...)
 * in {@link TrainingListener#onEvaluationEnd}. Names hold no commas or line breaks.
 */
public final class Metrics {
    private final Map<String, Double> values = new LinkedHashMap<>();

    /** Sets {@code name} (replacing an earlier value, keeping its position). */
    public Metrics put(String name, double value) {
        if (name == null || name.isEmpty() || name.contains(",") || name.contains("\n") || name.contains("\"")) {
            throw new IllegalArgumentException("metric name must be non-empty without commas, quotes or line breaks, got '"
                    + name + "'");
        }
        values.put(name, value);
        return this;
    }

    /** The value of {@code name}, or NaN when absent. */
    public double get(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A read-only copy. */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
