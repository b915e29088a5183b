package io.snn4j.neurons.kernel;

import io.snn4j.neurons.surrogate.Surrogate;

/** Strict Heaviside forward with a surrogate backward (docs/spec.md §1; TET eq. 4–5). */
final class HeavisideSpike implements SpikeFunction {

    private final Surrogate surrogate;

    HeavisideSpike(Surrogate surrogate) {
        this.surrogate = surrogate;
    }

    /** The surrogate used in backward (lets the LIF kernel inline the triangle into its loop). */
    Surrogate surrogate() {
        return surrogate;
    }

    @Override
    public void fire(float[] h, int hOff, float theta, float[] s, int sOff, int len) {
        for (int i = 0; i < len; i++) {
            // branch-free 1[h > θ]: the sign bit of θ − h (θ − h is +0.0 at a tie, so ties do not
            // fire); a data-dependent branch here mispredicts on ~half the elements
            s[sOff + i] = Float.floatToRawIntBits(theta - h[hOff + i]) >>> 31;
        }
    }

    @Override
    public void grad(float[] h, int hOff, float theta, float[] g, int gOff, int len) {
        surrogate.gradInto(h, hOff, theta, g, gOff, len);
    }
}
