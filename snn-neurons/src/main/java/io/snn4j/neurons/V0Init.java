package io.snn4j.neurons;

import java.util.random.RandomGenerator;

/**
 * Initialisation range of the learnable initial membrane potential v0 of IMP (Shen et al.,
 * NeurIPS 2024, docs/spec.md §3): uniform on {@code [lo, hi)}; the paper uses (−0.2, 0.2) for the 48×48
 * DVS configs and (0.4, 0.6) otherwise.
 *
 * @param lo lower bound (finite)
 * @param hi upper bound (finite, {@code > lo})
 */
public record V0Init(double lo, double hi) {

    public V0Init {
        Checks.finite("lo", lo);
        Checks.finite("hi", hi);
        if (!(lo < hi)) {
            throw new IllegalArgumentException("lo must be < hi, got lo=" + lo + ", hi=" + hi);
        }
    }

    public static V0Init uniform(double lo, double hi) {
        return new V0Init(lo, hi);
    }

    /** uniform(−0.2, 0.2), the IMP 48×48 DVS configs. */
    public static V0Init dvs48() {
        return new V0Init(-0.2, 0.2);
    }

    /** uniform(0.4, 0.6), the other IMP configs. */
    public static V0Init standard() {
        return new V0Init(0.4, 0.6);
    }

    /** {@code n} draws from the injected generator. */
    public double[] sample(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return out;
    }
}
