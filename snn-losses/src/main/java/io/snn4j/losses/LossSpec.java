package io.snn4j.losses;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable loss description as in the conformance cases' {@code loss} field (docs/spec.md §6): {@code type} one of
 * {@link #TYPES} — over per-step logits "sdt", "tet", "tet-s", "lts"; over a spiking output layer's spikes
 * "rate-ce" ({@link RateCrossEntropyLoss}), "ttfs" and "ttfs-reciprocal" ({@link TtfsLoss} with {@code −t} and
 * {@code 1/t}); over its membrane potentials "membrane-ce" ({@link MembraneCrossEntropyLoss}) —; label
 * smoothing ε; MSE mixing weight λ (0 = no regulariser; not defined for the TTFS losses); MSE target φ.
 */
public record LossSpec(String type, double epsilon, double lambda, double phi) {
    /** The loss types a spec accepts. */
    public static final List<String> TYPES = List.of("sdt", "tet", "tet-s", "lts", "rate-ce", "membrane-ce", "ttfs",
            "ttfs-reciprocal");

    public LossSpec {
        if (type == null) {
            throw new IllegalArgumentException("loss type must not be null (one of sdt, tet, tet-s, lts)");
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown loss type '" + type + "': expected one of " + String.join(", ", TYPES));
        }
        Checks.epsilon(epsilon);
        Checks.lambda("MSE mixing weight lambda", lambda);
        if (lambda > 0 && type.startsWith("ttfs")) {
            throw new IllegalArgumentException("loss type '" + type + "' takes no MSE regulariser (lambda must be 0, got "
                    + lambda + ")");
        }
        Checks.phi(phi);
    }

    /**
     * A spec with defaults for absent (null) fields: ε = 0.01 for "tet-s" and 0 otherwise, λ = 0, φ = 1.0.
     */
    public static LossSpec of(String type, Double epsilon, Double lambda, Double phi) {
        String t = type == null ? null : type.trim().toLowerCase(Locale.ROOT);
        double eps = epsilon != null ? epsilon : "tet-s".equals(t) ? TetSLoss.DEFAULT_EPSILON : 0.0;
        return new LossSpec(type, eps, lambda == null ? 0.0 : lambda, phi == null ? MseRegularizer.DEFAULT_PHI : phi);
    }

    /** From a parsed JSON object {@code {"type", "epsilon"?, "lambda"?, "phi"?}} (numbers as any {@link Number}). */
    public static LossSpec fromJson(Map<String, ?> json) {
        if (json == null) {
            throw new IllegalArgumentException("loss spec must not be null");
        }
        Object type = json.get("type");
        if (!(type instanceof String)) {
            throw new IllegalArgumentException("loss spec needs a string 'type', got " + type);
        }
        return of((String) type, number(json, "epsilon"), number(json, "lambda"), number(json, "phi"));
    }

    private static Double number(Map<String, ?> json, String key) {
        Object v = json.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("loss spec field '" + key + "' must be a number, got " + v);
        }
        return ((Number) v).doubleValue();
    }

    /** The loss this spec describes: the classification loss, wrapped in a {@link MixedLoss} when λ &gt; 0. */
    public SpikingLoss build() {
        if (type.startsWith("ttfs")) {
            return new TtfsLoss(type.equals("ttfs") ? TimeToLogit.NEGATE : TimeToLogit.RECIPROCAL, epsilon);
        }
        CrossEntropyLoss cls = switch (type) {
            case "sdt" -> new SdtLoss(epsilon);
            case "tet" -> new TetLoss(epsilon);
            case "tet-s" -> new TetSLoss(epsilon);
            case "lts" -> new LtsLoss(epsilon);
            case "rate-ce" -> new RateCrossEntropyLoss(epsilon);
            case "membrane-ce" -> new MembraneCrossEntropyLoss(epsilon);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
        return lambda > 0 ? new MixedLoss(cls, new MseRegularizer(phi), lambda) : cls;
    }
}
