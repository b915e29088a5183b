package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.buffer.DataType;

/** Opaque state an LM-H forward pass (Hao et al., ICLR 2024; docs/spec.md §4) keeps for backward. */
public interface LmhSaved {

    int timeSteps();

    long width();

    DataType dataType();

    long sizeBytes();
}
