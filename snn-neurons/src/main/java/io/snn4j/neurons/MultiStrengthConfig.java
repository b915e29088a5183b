package io.snn4j.neurons;

/**
 * Hyperparameters of the multi-strength spiking neuron (Chen et al., "Fast and Efficient Deep
 * Sparse Multi-Strength Spiking Neural Networks with Dynamic Pruning", IJCNN 2018; docs/spec.md §2).
 *
 * @param tau         the threshold τ ({@code > 0}): one unit of spike strength
 * @param decay       leak in [0, 1] on the carried potential (1: the paper's integrate-and-fire)
 * @param detachReset stop the gradient through the emitted strength in the reset (default true: with
 *                    the straight-through floor, {@code d(h − τ·θ)/dh} would vanish above 0)
 */
public record MultiStrengthConfig(double tau, double decay, boolean detachReset) {

    public MultiStrengthConfig {
        Checks.positiveFinite("tau", tau);
        Checks.inUnitInterval("decay", decay);
    }

    /** τ = 1, no leak, reset detached. */
    public static MultiStrengthConfig standard() {
        return new MultiStrengthConfig(1.0, 1.0, true);
    }
}
