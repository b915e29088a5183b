package io.snn4j.losses;

import io.snn4j.core.autograd.Tensor;

/**
 * The monotonically decreasing map from first-spike times {@code t ∈ {1, …, T}} to logits, so that the
 * earliest neuron has the largest logit (the seed slides; snnTorch {@code ce_temporal_loss(inverse=...)}).
 */
public enum TimeToLogit {
    /** {@code z = −t} (snnTorch {@code "negate"}; the slides' choice). */
    NEGATE {
        @Override
        public Tensor apply(Tensor times) {
            return times.neg();
        }
    },
    /** {@code z = 1/t} (snnTorch {@code "reciprocal"}, {@code 1/(t₀ + 1)} for its 0-based times). */
    RECIPROCAL {
        @Override
        public Tensor apply(Tensor times) {
            return times.pow(-1.0);
        }
    };

    /** Logits of times {@code [B, K]} (differentiable). */
    public abstract Tensor apply(Tensor times);
}
