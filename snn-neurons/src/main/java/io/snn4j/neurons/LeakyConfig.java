package io.snn4j.neurons;

import io.snn4j.neurons.surrogate.ArctanSurrogate;
import io.snn4j.neurons.surrogate.Surrogate;

/**
 * Hyperparameters of snnTorch's {@code Leaky} neuron with subtractive reset (docs/spec.md §2).
 *
 * @param beta        decay β in [0, 1] (the initial value when learnable)
 * @param learnBeta   whether β is a learnable per-layer scalar
 * @param threshold   θ ({@code > 0})
 * @param detachReset stop the gradient through the reset spike (snnTorch's default: true)
 * @param surrogate   surrogate gradient of the spike (snnTorch's default: arctan α = 2)
 */
public record LeakyConfig(double beta, boolean learnBeta, double threshold, boolean detachReset,
                          Surrogate surrogate) {

    public LeakyConfig {
        Checks.inUnitInterval("beta", beta);
        Checks.positiveFinite("threshold", threshold);
        Checks.surrogate(surrogate);
    }

    /** snnTorch {@code Leaky(beta)} defaults: fixed β, θ = 1, reset detached, arctan α = 2. */
    public static LeakyConfig snnTorch(double beta) {
        return new LeakyConfig(beta, false, 1.0, true, ArctanSurrogate.standard());
    }

    public LeakyConfig withLearnBeta(boolean on) {
        return new LeakyConfig(beta, on, threshold, detachReset, surrogate);
    }

    public LeakyConfig withDetachReset(boolean on) {
        return new LeakyConfig(beta, learnBeta, threshold, on, surrogate);
    }

    public LeakyConfig withSurrogate(Surrogate s) {
        return new LeakyConfig(beta, learnBeta, threshold, detachReset, s);
    }

    public LeakyConfig withThreshold(double theta) {
        return new LeakyConfig(beta, learnBeta, theta, detachReset, surrogate);
    }
}
