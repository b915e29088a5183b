package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.buffer.DataType;

/** Opaque state an MPE-PSN forward pass (Chen et al.; docs/spec.md §5) keeps for backward. */
public interface MpePsnSaved {

    int timeSteps();

    long width();

    DataType dataType();

    long sizeBytes();
}
