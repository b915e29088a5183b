package io.snn4j.neurons;

import java.util.Map;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A spiking neuron, defined once by its three equations (docs/spec.md §2; SpikingJelly's
 * {@code neuronal_charge}, {@code neuronal_fire}, {@code neuronal_reset}):
 * <pre>
 * h[t] = charge(v[t−1], x[t])      membrane potential before firing
 * s[t] = fire(h[t])                spike (surrogate gradient in backward)
 * v[t] = reset(h[t], s[t])         state carried to the next step
 * </pre>
 * written with autograd {@link Tensor} ops. This definition alone gives a correct neuron: a
 * {@link NeuronLayer} runs it step by step on the tape (exact BPTT through autograd, single-step
 * and multi-step, any data type), and uses a fused kernel instead only when one is registered for
 * the definition's class ({@link io.snn4j.neurons.kernel.KernelProvider#accelerator}).
 *
 * <p>A definition that owns learnable parameters (PLIF's {@code w}, Leaky's β) returns them from
 * {@link #parameters()}; its layer registers them. Such a definition belongs to one layer: the
 * {@link Neurons} factories make a fresh one per layer. How to add a neuron: docs/extending.md.
 */
public abstract class ChargeFireReset {

    /** {@code h[t]} from the post-reset state {@code v[t−1]} and the input {@code x[t]}. */
    public abstract Tensor charge(Tensor v, Tensor x);

    /** {@code s[t]} from {@code h[t]}. */
    public abstract Tensor fire(Tensor h);

    /** {@code v[t]} from {@code h[t]} and {@code s[t]}. */
    public abstract Tensor reset(Tensor h, Tensor s);

    /** {@code v[−1]} when no state or learnable v0 is given: zeros of the per-step shape. */
    public Tensor initialState(long[] stepShape, DataType type) {
        return Tensor.constant(Nd4j.zeros(type, stepShape));
    }

    /** Learnable parameters owned by this definition, by name (empty by default). */
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    /** The value of one spike, for firing-rate counting ({@code 1}; θ for θ-scaled outputs). */
    public double spikeScale() {
        return 1.0;
    }
}
