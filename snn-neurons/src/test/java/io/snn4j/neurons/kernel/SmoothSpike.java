package io.snn4j.neurons.kernel;

/** Test-only smooth spike {@code σ(k·x)} with its exact derivative, for finite-difference checks of the BPTT wiring. */
final class SmoothSpike implements SpikeFunction {

    final double k;

    SmoothSpike(double k) {
        this.k = k;
    }

    double f(double x) {
        return 1.0 / (1.0 + Math.exp(-k * x));
    }

    double df(double x) {
        double s = f(x);
        return k * s * (1.0 - s);
    }

    @Override
    public void fire(float[] h, int hOff, float theta, float[] s, int sOff, int len) {
        for (int i = 0; i < len; i++) {
            s[sOff + i] = (float) f(h[hOff + i] - theta);
        }
    }

    @Override
    public void grad(float[] h, int hOff, float theta, float[] g, int gOff, int len) {
        for (int i = 0; i < len; i++) {
            g[gOff + i] = (float) df(h[hOff + i] - theta);
        }
    }
}
