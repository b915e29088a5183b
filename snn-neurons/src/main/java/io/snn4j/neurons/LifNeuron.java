package io.snn4j.neurons;

import java.util.random.RandomGenerator;

import io.snn4j.neurons.kernel.LifAccelerator;
import io.snn4j.neurons.kernel.LifKernel;
import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The LIF family as a layer (docs/spec.md §2; TET eq. 1–3): a {@link NeuronLayer} of the {@link
 * Lif} definition, optionally with a learnable initial membrane potential v0, one per neuron of a
 * sample, shared over the batch (IMP, Shen et al. NeurIPS 2024, §3; docs/spec.md §3).
 *
 * <p>FLOAT runs go through the fused kernel the backend's provider registers for {@link Lif} (one
 * tape node per sequence, exact BPTT); DOUBLE, and backends without a LIF kernel, run the
 * definition's generic path. The fused backward recomputes the membrane from the input instead of
 * keeping a {@code [T, N]} buffer, so the input array must not be modified in place between a
 * forward pass and its backward pass (no op of the library does that; user code that reuses an
 * input buffer must copy it first; the kernel refuses a changed input).
 */
public final class LifNeuron extends NeuronLayer<Lif> {

    private LifNeuron(Lif definition, Parameter v0, NeuronAccelerator<Lif> accelerator) {
        super(definition, v0, accelerator);
    }

    private LifNeuron(Lif definition, Parameter v0) {
        this(definition, v0, lookup(definition));
    }

    /** A LIF layer starting every sequence from 0. */
    public LifNeuron(LifConfig config) {
        this(new Lif(checkConfig(config)), null);
    }

    /** A LIF layer with a learnable v0 of shape {@code sampleShape}, drawn from {@code init}. */
    public static LifNeuron withLearnableV0(LifConfig config, long[] sampleShape, V0Init init, DataType type,
                                            RandomGenerator rng) {
        return new LifNeuron(new Lif(checkConfig(config)), learnableV0(sampleShape, init, type, rng));
    }

    /** The same layer (sharing v0, if any) on a given kernel instead of the registered one. */
    public LifNeuron withKernel(LifKernel other) {
        return new LifNeuron(definition(), v0(), new LifAccelerator(other));
    }

    private static LifConfig checkConfig(LifConfig c) {
        if (c == null) {
            throw new IllegalArgumentException("LifNeuron: config must not be null");
        }
        return c;
    }

    public LifConfig config() {
        return definition().config();
    }
}
