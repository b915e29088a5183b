package io.snn4j.neurons.kernel;

import io.snn4j.neurons.surrogate.Surrogate;

/** Strict Heaviside forward with a surrogate backward (SPEC §1; TET eq. 4–5). */
final class HeavisideSpike implements SpikeFunction {

    private final Surrogate surrogate;

    HeavisideSpike(Surrogate surrogate) {
        this.surrogate = surrogate;
    }

    @Override
    public void fire(float[] h, int hOff, float theta, float[] s, int sOff, int len) {
        for (int i = 0; i < len; i++) {
            s[sOff + i] = h[hOff + i] - theta > 0f ? 1f : 0f;
        }
    }

    @Override
    public void fire(double[] h, int hOff, double theta, double[] s, int sOff, int len) {
        for (int i = 0; i < len; i++) {
            s[sOff + i] = h[hOff + i] - theta > 0.0 ? 1.0 : 0.0;
        }
    }

    @Override
    public void grad(float[] h, int hOff, float theta, float[] g, int gOff, int len) {
        surrogate.gradInto(h, hOff, theta, g, gOff, len);
    }

    @Override
    public void grad(double[] h, int hOff, double theta, double[] g, int gOff, int len) {
        surrogate.gradInto(h, hOff, theta, g, gOff, len);
    }
}
