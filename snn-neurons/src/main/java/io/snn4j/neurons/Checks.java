package io.snn4j.neurons;

import io.snn4j.neurons.surrogate.Surrogate;

/** Argument validation shared by the neuron configurations; messages name the parameter. */
final class Checks {

    private Checks() {
    }

    static double positiveFinite(String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }

    static double inUnitInterval(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], got " + value);
        }
        return value;
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static Surrogate surrogate(Surrogate s) {
        return notNull("surrogate", s);
    }
}
