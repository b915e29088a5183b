package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Opaque state a LIF forward pass keeps for its backward pass (docs/spec.md §2); only the kernel that
 * produced it can consume it. The CPU kernel keeps only a reference to x and a copy of vInit, and
 * recomputes the membrane in backward: x must not be modified between forward and backward.
 */
public interface LifSaved {

    int timeSteps();

    long width();

    DataType dataType();

    /** Approximate bytes owned by this state (not counting the referenced input x). */
    long sizeBytes();
}
