package io.snn4j.neurons;

import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.SigmoidSurrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;

import java.util.Objects;

/**
 * Immutable hyperparameters of the parameterised LIF neuron of docs/spec.md §2, which covers TET
 * (Deng et al., ICLR 2022, eq. 1–3), IMP (Shen et al., NeurIPS 2024), SpikingJelly LIF and IF:
 * {@code h[t] = decay·v[t−1] + gain·x[t]}, {@code s[t] = 1[h[t] − θ > 0]}, hard or soft reset,
 * optionally with the reset's gradient detached.
 */
public final class LifConfig {

    private final double decay;
    private final double gain;
    private final double threshold;
    private final ResetMode resetMode;
    private final boolean detachReset;
    private final Surrogate surrogate;

    private LifConfig(Builder b) {
        this.decay = Checks.inUnitInterval("decay", b.decay);
        this.gain = Checks.positiveFinite("gain", b.gain);
        this.threshold = Checks.positiveFinite("threshold", b.threshold);
        this.resetMode = Checks.notNull("resetMode", b.resetMode);
        this.detachReset = b.detachReset;
        this.surrogate = Checks.surrogate(b.surrogate);
    }

    /**
     * TET (Deng et al., ICLR 2022, eq. 1–3, 5): decay 0.5, gain 1, θ = 1, hard reset whose
     * gradient is NOT detached, triangle γ = 1.
     */
    public static LifConfig tet() {
        return builder().decay(0.5).gain(1.0).threshold(1.0).resetMode(ResetMode.HARD)
                .detachReset(false).surrogate(TriangleSurrogate.standard()).build();
    }

    /**
     * IMP released code for the 48×48 DVS results (Shen et al., NeurIPS 2024): decay 0.25, gain 1,
     * θ = 1, hard reset (not detached), triangle γ = 1. The paper's slides and other released
     * configs use a soft reset: {@code impLegacy().toBuilder().resetMode(ResetMode.SOFT)}.
     */
    public static LifConfig impLegacy() {
        return builder().decay(0.25).gain(1.0).threshold(1.0).resetMode(ResetMode.HARD)
                .detachReset(false).surrogate(TriangleSurrogate.standard()).build();
    }

    /**
     * SpikingJelly {@code LIFNode(tau, decay_input=True, v_threshold=1, v_reset=0,
     * detach_reset=False, surrogate_function=Sigmoid())}: {@code h = v + (x − v)/τ}, i.e.
     * decay {@code 1 − 1/τ}, gain {@code 1/τ}; a hard reset to {@code v_reset = 0} (SpikingJelly's
     * default; soft reset is its {@code v_reset=None}), reset gradient not detached, sigmoid α = 4
     * (SpikingJelly's default surrogate).
     *
     * @param tau membrane time constant, {@code > 1} so that the decay lies in (0, 1)
     */
    public static LifConfig spikingJelly(double tau) {
        if (!(tau > 1.0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be finite and > 1, got " + tau);
        }
        return builder().decay(1.0 - 1.0 / tau).gain(1.0 / tau).threshold(1.0)
                .resetMode(ResetMode.HARD).detachReset(false)
                .surrogate(SigmoidSurrogate.standard()).build();
    }

    /**
     * SpikingJelly {@code IFNode()} defaults: decay 1, gain 1, θ = 1, hard reset to 0 (not
     * detached), sigmoid α = 4.
     */
    public static LifConfig integrateAndFire() {
        return builder().decay(1.0).gain(1.0).threshold(1.0).resetMode(ResetMode.HARD)
                .detachReset(false).surrogate(SigmoidSurrogate.standard()).build();
    }

    /** A builder starting from the TET preset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().decay(decay).gain(gain).threshold(threshold).resetMode(resetMode)
                .detachReset(detachReset).surrogate(surrogate);
    }

    public double decay() {
        return decay;
    }

    public double gain() {
        return gain;
    }

    public double threshold() {
        return threshold;
    }

    public ResetMode resetMode() {
        return resetMode;
    }

    public boolean detachReset() {
        return detachReset;
    }

    public Surrogate surrogate() {
        return surrogate;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LifConfig c)) {
            return false;
        }
        return Double.compare(decay, c.decay) == 0 && Double.compare(gain, c.gain) == 0
                && Double.compare(threshold, c.threshold) == 0 && resetMode == c.resetMode
                && detachReset == c.detachReset && surrogate.equals(c.surrogate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(decay, gain, threshold, resetMode, detachReset, surrogate);
    }

    @Override
    public String toString() {
        return "LifConfig[decay=" + decay + ", gain=" + gain + ", threshold=" + threshold
                + ", reset=" + resetMode + ", detachReset=" + detachReset
                + ", surrogate=" + surrogate + "]";
    }

    /** Mutable builder; {@link #build()} validates. Defaults are the TET values. */
    public static final class Builder {
        private double decay = 0.5;
        private double gain = 1.0;
        private double threshold = 1.0;
        private ResetMode resetMode = ResetMode.HARD;
        private boolean detachReset = false;
        private Surrogate surrogate = TriangleSurrogate.standard();

        private Builder() {
        }

        /** Leak factor in [0, 1] multiplying {@code v[t−1]}. */
        public Builder decay(double decay) {
            this.decay = decay;
            return this;
        }

        /** Input scale ({@code > 0}) multiplying {@code x[t]}. */
        public Builder gain(double gain) {
            this.gain = gain;
            return this;
        }

        /** Firing threshold θ ({@code > 0}). */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        public Builder resetMode(ResetMode resetMode) {
            this.resetMode = resetMode;
            return this;
        }

        /** Stop the gradient through the spike used in the reset. */
        public Builder detachReset(boolean detachReset) {
            this.detachReset = detachReset;
            return this;
        }

        public Builder surrogate(Surrogate surrogate) {
            this.surrogate = surrogate;
            return this;
        }

        public LifConfig build() {
            return new LifConfig(this);
        }
    }
}
