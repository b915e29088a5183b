package io.snn4j.neurons.surrogate;

/** Parameter validation for the surrogates; messages name the parameter. */
final class Params {

    private Params() {
    }

    static double requirePositive(String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }
}
