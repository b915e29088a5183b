package io.snn4j.core.nn;

/** Argument validation shared by the layer constructors (messages name the layer and the argument). */
final class Checks {
    private Checks() {
    }

    static int positive(String layer, String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(layer + ": " + name + " must be >= 1, got " + v);
        }
        return v;
    }

    static int nonNegative(String layer, String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(layer + ": " + name + " must be >= 0, got " + v);
        }
        return v;
    }

    static <T> T notNull(String layer, String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException(layer + ": " + name + " must not be null");
        }
        return v;
    }
}
