package io.snn4j.neurons;

import java.util.Map;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.surrogate.SpikeOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parametric LIF (Fang et al., "Incorporating Learnable Membrane Time Constant", ICCV 2021, eq. 4
 * with {@code k = sigmoid(w) = 1/τ}; docs/spec.md §2): one learnable raw scalar {@code w} per
 * layer, {@code h[t] = v[t−1] + k·(x[t] − v[t−1])} (decay input) or
 * {@code h[t] = (1 − k)·v[t−1] + x[t]}; fire and reset as {@link Lif}. Gradients reach w through
 * both the decay and the gain.
 */
public class Plif extends ChargeFireReset {
    private final PlifConfig config;
    private final Parameter w;

    /** A fresh definition (own w, at {@link PlifConfig#initW()}) in {@code type}. */
    public Plif(PlifConfig config, DataType type) {
        this.config = Checks.notNull("config", config);
        this.w = Parameter.noDecay(Nd4j.scalar(Checks.notNull("type", type), config.initW()).reshape(1));
    }

    public PlifConfig config() {
        return config;
    }

    /** The raw scalar w ({@code k = sigmoid(w)}). */
    public Parameter w() {
        return w;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of("w", w);
    }

    @Override
    public Tensor charge(Tensor v, Tensor x) {
        Tensor k = w.sigmoid();
        return config.decayInput() ? v.add(x.sub(v).mul(k)) : v.mul(k.rsub(1.0)).add(x);
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
        return "Plif[" + config + "]";
    }
}
