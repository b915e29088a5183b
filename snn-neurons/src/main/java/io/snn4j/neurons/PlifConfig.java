package io.snn4j.neurons;

import io.snn4j.neurons.surrogate.SigmoidSurrogate;
import io.snn4j.neurons.surrogate.Surrogate;

/**
 * Hyperparameters of the parametric LIF neuron (PLIF; Fang et al., ICCV 2021; docs/spec.md §2).
 *
 * @param initTau     initial time constant τ ({@code > 1}); the raw scalar starts at
 *                    {@code w = −ln(τ − 1)} so that {@code sigmoid(w) = 1/τ}
 * @param decayInput  {@code h = v + k·(x − v)} when true (SpikingJelly's default), else
 *                    {@code h = (1 − k)·v + x}
 * @param threshold   θ ({@code > 0})
 * @param resetMode   hard (to 0) or soft (subtract θ)
 * @param detachReset stop the gradient through the spike used in the reset
 * @param surrogate   surrogate gradient of the spike
 */
public record PlifConfig(double initTau, boolean decayInput, double threshold, ResetMode resetMode,
                         boolean detachReset, Surrogate surrogate) {

    public PlifConfig {
        if (!(initTau > 1.0) || Double.isInfinite(initTau)) {
            throw new IllegalArgumentException("initTau must be finite and > 1, got " + initTau);
        }
        Checks.positiveFinite("threshold", threshold);
        Checks.notNull("resetMode", resetMode);
        Checks.surrogate(surrogate);
    }

    /**
     * SpikingJelly's {@code ParametricLIFNode()} defaults: τ = 2 (w = 0), decay_input, θ = 1, hard
     * reset to 0 not detached, sigmoid α = 4.
     */
    public static PlifConfig standard() {
        return new PlifConfig(2.0, true, 1.0, ResetMode.HARD, false, SigmoidSurrogate.standard());
    }

    /** The raw scalar w the layer starts from: {@code −ln(τ − 1)}. */
    public double initW() {
        return -Math.log(initTau - 1.0);
    }

    public PlifConfig withSurrogate(Surrogate s) {
        return new PlifConfig(initTau, decayInput, threshold, resetMode, detachReset, s);
    }

    public PlifConfig withReset(ResetMode mode, boolean detach) {
        return new PlifConfig(initTau, decayInput, threshold, mode, detach, surrogate);
    }

    public PlifConfig withDecayInput(boolean on) {
        return new PlifConfig(initTau, on, threshold, resetMode, detachReset, surrogate);
    }

    public PlifConfig withThreshold(double theta) {
        return new PlifConfig(initTau, decayInput, theta, resetMode, detachReset, surrogate);
    }
}
