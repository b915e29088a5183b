package io.snn4j.losses;

/**
 * Smoothed TET {@code L_TET-S = (1/T)·Σ_t CE(O[t], ŷ)}, {@code ŷ = (1 − ε)·onehot(y) + ε/K} (Shen et al.,
 * NeurIPS 2024, IMP paper "LTS Method &amp; Smoothed TET"; docs/spec.md §6); ε defaults to 0.01.
 */
public final class TetSLoss extends TetLoss {
    /** The ε of the released configs. */
    public static final double DEFAULT_EPSILON = 0.01;

    /** ε = 0.01. */
    public TetSLoss() {
        this(DEFAULT_EPSILON);
    }

    public TetSLoss(double epsilon) {
        super(epsilon);
    }

    @Override
    public String name() {
        return "tet-s";
    }
}
