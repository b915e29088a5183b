package io.snn4j.losses;

/** Factory for the SNN losses from a spec (docs/spec.md §6, conformance kind {@code loss}). */
public final class Losses {
    private Losses() {
    }

    /**
     * Builds a loss from its spec fields; null fields take defaults (ε 0.01 for "tet-s" else 0, λ 0, φ 1.0).
     *
     * @param type one of {@link LossSpec#TYPES} (case-insensitive)
     */
    public static SpikingLoss fromSpec(String type, Double epsilon, Double lambda, Double phi) {
        return LossSpec.of(type, epsilon, lambda, phi).build();
    }
}
