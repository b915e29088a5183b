package io.snn4j.neurons;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A fused multi-step implementation of one {@link ChargeFireReset} class, registered for a backend
 * by a {@link io.snn4j.neurons.kernel.KernelProvider}: it must compute exactly what the generic
 * path computes (the tests cross-check every option). A {@link NeuronLayer} asks for one at
 * construction and uses it when {@link #supports} holds, else runs its generic path.
 *
 * @param <D> the definition class it accelerates
 */
public interface NeuronAccelerator<D extends ChargeFireReset> {

    /** Whether this accelerator computes {@code definition} on arrays of {@code type}. */
    boolean supports(D definition, DataType type);

    /**
     * Runs {@code x [T, B, ...]} through {@code definition} as one tape node.
     *
     * @param vInit          {@code v[−1]}: the full per-step state {@code [B, ...]}, a per-sample
     *                       (learnable) v0 {@code [...]} broadcast over the batch, or null for zeros
     * @param needFinalState whether the caller uses {@code v[T−1]} (else it may be omitted: null)
     * @param counter        receives the spike count (counted inside the kernel)
     * @return spikes {@code [T, B, ...]} and {@code v[T−1]} {@code [B, ...]} (or null)
     */
    Tensor[] run(D definition, Tensor x, Tensor vInit, boolean needFinalState, SpikeCounter counter);
}
