package io.snn4j.neurons;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.surrogate.SpikeOp;

/**
 * The LIF family (docs/spec.md §2.1; TET, Deng et al. ICLR 2022, eq. 1–3; IMP, Shen et al.
 * NeurIPS 2024; SpikingJelly LIF and IF), from a {@link LifConfig}:
 * {@code h[t] = decay·v[t−1] + gain·x[t]}, {@code s[t] = 1[h[t] − θ > 0]}, hard reset
 * {@code v[t] = h[t]·(1 − s'[t])} or soft reset {@code v[t] = h[t] − θ·s'[t]}, where {@code s'} is
 * {@code s} with its gradient stopped when {@link LifConfig#detachReset()}.
 *
 * <p>The CPU provider registers a fused FLOAT kernel for this class ({@link LifNeuron} uses it).
 */
public class Lif extends ChargeFireReset {
    private final LifConfig config;

    public Lif(LifConfig config) {
        this.config = Checks.notNull("config", config);
    }

    public LifConfig config() {
        return config;
    }

    @Override
    public Tensor charge(Tensor v, Tensor x) {
        return v.mul(config.decay()).add(x.mul(config.gain()));
    }

    @Override
    public Tensor fire(Tensor h) {
        return SpikeOp.heaviside(h.sub(config.threshold()), config.surrogate());
    }

    @Override
    public Tensor reset(Tensor h, Tensor s) {
        return config.resetMode().apply(h, s, config.threshold(), config.detachReset());
    }

    @Override
    public String toString() {
        return "Lif[" + config + "]";
    }
}
