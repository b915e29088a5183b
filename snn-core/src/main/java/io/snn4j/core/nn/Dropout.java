package io.snn4j.core.nn;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.rng.SplitMix64;

/**
 * Inverted dropout (PyTorch {@code nn.Dropout}); with {@code shareMaskOverTime} the input is time-first
 * {@code [T, B, ...]} and one mask is shared by all steps (SpikingJelly {@code layer.Dropout}).
 * Identity in eval mode; no members.
 */
public final class Dropout extends Module implements Stochastic {
    private final double p;
    private final boolean shareMaskOverTime;
    private final RandomGenerator rng;

    public Dropout(double p, boolean shareMaskOverTime, RandomGenerator rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.shareMaskOverTime = shareMaskOverTime;
        this.rng = Checks.notNull("Dropout", "rng", rng);
    }

    /** The generator, when it is a checkpointable {@link SplitMix64} (a trainer then saves its state); else null. */
    @Override
    public SplitMix64 generator() {
        return rng instanceof SplitMix64 s ? s : null;
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return shareMaskOverTime
                ? io.snn4j.core.functional.Dropout.dropoutSharedOverTime(x, p, isTraining(), rng)
                : io.snn4j.core.functional.Dropout.dropout(x, p, isTraining(), rng);
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + (shareMaskOverTime ? ", shared over time" : "") + ")";
    }
}
