package io.snn4j.neurons;

import java.util.Map;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.surrogate.ArctanSurrogate;
import io.snn4j.neurons.surrogate.SpikeOp;
import io.snn4j.neurons.surrogate.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * snnTorch's {@code Leaky} neuron with {@code reset_mechanism="subtract"} (the seed slides' LIF;
 * docs/spec.md §2.3): {@code U[t] = β·U[t−1] + x[t] − θ·S[t−1]}, {@code S[t] = 1[U[t] − θ > 0]},
 * {@code U[−1] = S[−1] = 0}. The subtraction comes after the decay, so it is not scaled by β
 * (unlike {@link ResetMode#SOFT}). In charge–fire–reset form the carried state is
 * {@code v[t] = β·U[t] − θ·S'[t]}:
 * <pre>
 * charge: h[t] = v[t−1] + x[t]        (= U[t])
 * fire:   s[t] = 1[h[t] − θ > 0]
 * reset:  v[t] = β·h[t] − θ·s'[t]     (s' = s, gradient stopped when detachReset)
 * </pre>
 * β is a fixed number or a learnable per-layer scalar.
 */
public class Leaky extends ChargeFireReset {
    private final Config config;
    private final Parameter beta;

    /** A fresh definition (own β when learnable) in {@code type}. */
    public Leaky(Config config, DataType type) {
        this.config = Checks.notNull("config", config);
        this.beta = config.learnBeta()
                ? Parameter.noDecay(Nd4j.scalar(Checks.notNull("type", type), config.beta()).reshape(1)) : null;
    }

    public Config config() {
        return config;
    }

    /** The learnable β, or null when β is fixed. */
    public Parameter beta() {
        return beta;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return beta == null ? Map.of() : Map.of("beta", beta);
    }

    @Override
    public Tensor charge(Tensor v, Tensor x) {
        return v.add(x);
    }

    @Override
    public Tensor fire(Tensor h) {
        return SpikeOp.heaviside(h.sub(config.threshold()), config.surrogate());
    }

    @Override
    public Tensor reset(Tensor h, Tensor s) {
        Tensor decayed = beta == null ? h.mul(config.beta()) : h.mul(beta);
        return decayed.sub((config.detachReset() ? s.detach() : s).mul(config.threshold()));
    }

    @Override
    public String toString() {
        return "Leaky[" + config + "]";
    }

    /**
     * Hyperparameters of snnTorch's {@code Leaky} neuron with subtractive reset (docs/spec.md §2.3).
     *
     * @param beta        decay β in [0, 1] (the initial value when learnable)
     * @param learnBeta   whether β is a learnable per-layer scalar
     * @param threshold   θ ({@code > 0})
     * @param detachReset stop the gradient through the reset spike (snnTorch's default: true)
     * @param surrogate   surrogate gradient of the spike (snnTorch's default: arctan α = 2)
     */
    public record Config(double beta, boolean learnBeta, double threshold, boolean detachReset,
                              Surrogate surrogate) {

        public Config {
            Checks.inUnitInterval("beta", beta);
            Checks.positiveFinite("threshold", threshold);
            Checks.surrogate(surrogate);
        }

        /** snnTorch {@code Leaky(beta)} defaults: fixed β, θ = 1, reset detached, arctan α = 2. */
        public static Config snnTorch(double beta) {
            return new Config(beta, false, 1.0, true, ArctanSurrogate.standard());
        }

        public Config withLearnBeta(boolean on) {
            return new Config(beta, on, threshold, detachReset, surrogate);
        }

        public Config withDetachReset(boolean on) {
            return new Config(beta, learnBeta, threshold, on, surrogate);
        }

        public Config withSurrogate(Surrogate s) {
            return new Config(beta, learnBeta, threshold, detachReset, s);
        }

        public Config withThreshold(double theta) {
            return new Config(beta, learnBeta, theta, detachReset, surrogate);
        }
    }
}
