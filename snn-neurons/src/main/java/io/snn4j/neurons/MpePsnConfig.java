package io.snn4j.neurons;

import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;

/**
 * Immutable hyperparameters of MPE-PSN (Chen et al., membrane potential estimation parallel
 * spiking neuron, docs/spec.md §5): the estimation decay τ, the surrogate and the initial value of the
 * learnable threshold θ. The membrane-loss weight λmem belongs to the training loss, not here.
 *
 * @param tau              decay τ of the estimated potential, in [0, 1] (default 0.25)
 * @param surrogate        surrogate gradient of the spike (default triangle γ = 1)
 * @param initialThreshold initial value of the learnable θ ({@code > 0}; default 1.0)
 */
public record MpePsnConfig(double tau, Surrogate surrogate, double initialThreshold) {

    public MpePsnConfig {
        Checks.inUnitInterval("tau", tau);
        Checks.surrogate(surrogate);
        Checks.positiveFinite("initialThreshold", initialThreshold);
    }

    /** τ = 0.25, triangle γ = 1, θ₀ = 1 (the paper's setting). */
    public static MpePsnConfig standard() {
        return new MpePsnConfig(0.25, TriangleSurrogate.standard(), 1.0);
    }

    public MpePsnConfig withTau(double tau) {
        return new MpePsnConfig(tau, surrogate, initialThreshold);
    }

    public MpePsnConfig withSurrogate(Surrogate surrogate) {
        return new MpePsnConfig(tau, surrogate, initialThreshold);
    }

    public MpePsnConfig withInitialThreshold(double initialThreshold) {
        return new MpePsnConfig(tau, surrogate, initialThreshold);
    }
}
