package io.snn4j.losses;

import java.util.Locale;
import java.util.Map;

/**
 * An immutable loss description as in the conformance cases' {@code loss} field (SPEC §6): {@code type} one of
 * "sdt", "tet", "tet-s", "lts"; label smoothing ε; MSE mixing weight λ (0 = no regulariser); MSE target φ.
 */
public record LossSpec(String type, double epsilon, double lambda, double phi) {

    public LossSpec {
        if (type == null) {
            throw new IllegalArgumentException("loss type must not be null (one of sdt, tet, tet-s, lts)");
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        if (!type.equals("sdt") && !type.equals("tet") && !type.equals("tet-s") && !type.equals("lts")) {
            throw new IllegalArgumentException("unknown loss type '" + type + "': expected one of sdt, tet, tet-s, lts");
        }
        Checks.epsilon(epsilon);
        Checks.lambda("MSE mixing weight lambda", lambda);
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
        CrossEntropyLoss cls = switch (type) {
            case "sdt" -> new SdtLoss(epsilon);
            case "tet" -> new TetLoss(epsilon);
            case "tet-s" -> new TetSLoss(epsilon);
            case "lts" -> new LtsLoss(epsilon);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
        return lambda > 0 ? new MixedLoss(cls, new MseRegularizer(phi), lambda) : cls;
    }
}
