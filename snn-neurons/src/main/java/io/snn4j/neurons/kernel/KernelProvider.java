package io.snn4j.neurons.kernel;

import java.util.Optional;

import io.snn4j.neurons.ChargeFireReset;
import io.snn4j.neurons.NeuronAccelerator;

/**
 * A source of fused neuron kernels for one {@link Backend}, found with {@link java.util.ServiceLoader}
 * (list the implementation in {@code META-INF/services/io.snn4j.neurons.kernel.KernelProvider}).
 *
 * <p>A kernel family is identified by its interface ({@link LifKernel}, {@link LmhKernel},
 * {@link MpePsnKernel}, or a user's own): the neuron layers ask {@link NeuronKernels#find} for the
 * family they can use and fall back to their generic path when no provider of the current backend
 * offers it. Adding a GPU kernel is a new provider in a new module; no neuron class changes.
 */
public interface KernelProvider {

    /** The backend whose arrays this provider's kernels read and write. */
    Backend backend();

    /** The kernel of {@code family} (an accelerator interface) this provider offers, or empty. */
    <K> Optional<K> kernel(Class<K> family);

    /**
     * The fused implementation of a {@link ChargeFireReset} class this provider offers (matched on
     * the exact class: a subclass that changes an equation gets the generic path), or empty.
     */
    default <D extends ChargeFireReset> Optional<NeuronAccelerator<D>> accelerator(Class<D> definition) {
        return Optional.empty();
    }
}
