package io.snn4j.neurons;

import java.util.Map;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.surrogate.SigmoidSurrogate;
import io.snn4j.neurons.surrogate.SpikeOp;
import io.snn4j.neurons.surrogate.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parametric LIF (Fang et al., "Incorporating Learnable Membrane Time Constant", ICCV 2021, eq. 4
 * with {@code k = sigmoid(w) = 1/τ}; docs/spec.md §2.2): one learnable raw scalar {@code w} per
 * layer, {@code h[t] = v[t−1] + k·(x[t] − v[t−1])} (decay input) or
 * {@code h[t] = (1 − k)·v[t−1] + x[t]}; fire and reset as {@link Lif}. Gradients reach w through
 * both the decay and the gain.
 */
public class Plif extends ChargeFireReset {
    private final Config config;
    private final Parameter w;

    /** A fresh definition (own w, at {@link Config#initW()}) in {@code type}. */
    public Plif(Config config, DataType type) {
        this.config = Checks.notNull("config", config);
        this.w = Parameter.noDecay(Nd4j.scalar(Checks.notNull("type", type), config.initW()).reshape(1));
    }

    public Config config() {
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

    /**
     * Hyperparameters of the parametric LIF neuron (PLIF; Fang et al., ICCV 2021; docs/spec.md §2.2).
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
    public record Config(double initTau, boolean decayInput, double threshold, ResetMode resetMode,
                             boolean detachReset, Surrogate surrogate) {

        public Config {
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
        public static Config standard() {
            return new Config(2.0, true, 1.0, ResetMode.HARD, false, SigmoidSurrogate.standard());
        }

        /** The raw scalar w the layer starts from: {@code −ln(τ − 1)}. */
        public double initW() {
            return -Math.log(initTau - 1.0);
        }

        public Config withSurrogate(Surrogate s) {
            return new Config(initTau, decayInput, threshold, resetMode, detachReset, s);
        }

        public Config withReset(ResetMode mode, boolean detach) {
            return new Config(initTau, decayInput, threshold, mode, detach, surrogate);
        }

        public Config withDecayInput(boolean on) {
            return new Config(initTau, on, threshold, resetMode, detachReset, surrogate);
        }

        public Config withThreshold(double theta) {
            return new Config(initTau, decayInput, theta, resetMode, detachReset, surrogate);
        }
    }
}
