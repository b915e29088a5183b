package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Opaque state a LIF forward pass keeps for its backward pass (SPEC §2); only the kernel that
 * produced it can consume it. The CPU kernel keeps the membrane h on the Java heap.
 */
public interface LifSaved {

    int timeSteps();

    long width();

    DataType dataType();

    /** Approximate bytes held. */
    long sizeBytes();
}
