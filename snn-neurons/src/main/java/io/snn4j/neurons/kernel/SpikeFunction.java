package io.snn4j.neurons.kernel;

/**
 * The spike nonlinearity as the fused kernels see it (docs/spec.md §1): a forward {@code s = f(h − θ)} and
 * the derivative used in backward. Production kernels use {@link HeavisideSpike} (strict Heaviside
 * forward, surrogate backward); tests swap in a smooth function with its exact derivative to check
 * the BPTT wiring by finite differences. Package-private on purpose.
 */
interface SpikeFunction {

    /** {@code s[sOff + i] = f(h[hOff + i] − theta)}. */
    void fire(float[] h, int hOff, float theta, float[] s, int sOff, int len);

    /** {@code g[gOff + i] = f'(h[hOff + i] − theta)}. */
    void grad(float[] h, int hOff, float theta, float[] g, int gOff, int len);
}
