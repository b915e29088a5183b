package io.snn4j.neurons;

import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;

/**
 * Immutable hyperparameters of the LM-H neuron (Hao et al., ICLR 2024, docs/spec.md §4): fixed threshold θ
 * and the surrogate (triangle γ = 1 in the paper). The four learnable scalars are
 * {@link io.snn4j.neurons.kernel.LmhParams}.
 *
 * @param threshold firing threshold θ ({@code > 0}, finite); the output spike is θ-scaled
 * @param surrogate surrogate gradient of the spike
 */
public record LmhConfig(double threshold, Surrogate surrogate) {

    public LmhConfig {
        Checks.positiveFinite("threshold", threshold);
        Checks.surrogate(surrogate);
    }

    /** θ = 1, triangle γ = 1 (the paper's setting). */
    public static LmhConfig standard() {
        return new LmhConfig(1.0, TriangleSurrogate.standard());
    }

    public LmhConfig withThreshold(double threshold) {
        return new LmhConfig(threshold, surrogate);
    }

    public LmhConfig withSurrogate(Surrogate surrogate) {
        return new LmhConfig(threshold, surrogate);
    }
}
