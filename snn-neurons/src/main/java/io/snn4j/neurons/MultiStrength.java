package io.snn4j.neurons;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The multi-strength spiking neuron (Chen et al., IJCNN 2018, eq. 2–3, as in the seed slides;
 * docs/spec.md §2.4): spikes are non-negative integers, the number of thresholds τ the potential holds.
 * <pre>
 * charge: h[t] = decay·v[t−1] + z[t]
 * fire:   θ[t] = floor(max(h[t], 0) / τ)     (straight-through surrogate: dθ/dh = 1[h > 0] / τ)
 * reset:  v[t] = h[t] − τ·θ'[t]             (θ' = θ, gradient stopped when detachReset)
 * </pre>
 * The slides write eq. 3 as {@code v(t) = v(t−1) + z(t) − τ·θ(t−1)} with θ from {@code v(t−1) + z(t)}:
 * the same recursion for {@code h}, indexed so that the strength a step emits is subtracted before
 * the next step's firing (docs/spec.md §2.4 shows the equivalence).
 */
public class MultiStrength extends ChargeFireReset {
    private final Config config;

    public MultiStrength(Config config) {
        this.config = Checks.notNull("config", config);
    }

    public Config config() {
        return config;
    }

    @Override
    public Tensor charge(Tensor v, Tensor x) {
        return (config.decay() == 1.0 ? v : v.mul(config.decay())).add(x);
    }

    @Override
    public Tensor fire(Tensor h) {
        Tensor ramp = h.relu().div(config.tau());
        INDArray r = ramp.value();
        return Tensor.record("floor-ste", Transforms.floor(r, true), g -> new INDArray[] {g[0]}, ramp);
    }

    @Override
    public Tensor reset(Tensor h, Tensor s) {
        return h.sub((config.detachReset() ? s.detach() : s).mul(config.tau()));
    }

    @Override
    public String toString() {
        return "MultiStrength[" + config + "]";
    }

    /**
     * Hyperparameters of the multi-strength spiking neuron (Chen et al., "Fast and Efficient Deep
     * Sparse Multi-Strength Spiking Neural Networks with Dynamic Pruning", IJCNN 2018; docs/spec.md §2.4).
     *
     * @param tau         the threshold τ ({@code > 0}): one unit of spike strength
     * @param decay       leak in [0, 1] on the carried potential (1: the paper's integrate-and-fire)
     * @param detachReset stop the gradient through the emitted strength in the reset (default true: with
     *                    the straight-through floor, {@code d(h − τ·θ)/dh} would vanish above 0)
     */
    public record Config(double tau, double decay, boolean detachReset) {

        public Config {
            Checks.positiveFinite("tau", tau);
            Checks.inUnitInterval("decay", decay);
        }

        /** τ = 1, no leak, reset detached. */
        public static Config standard() {
            return new Config(1.0, 1.0, true);
        }
    }
}
