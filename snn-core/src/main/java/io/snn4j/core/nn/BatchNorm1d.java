package io.snn4j.core.nn;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Batch normalisation of {@code [N, C]} or {@code [N, C, L]} (PyTorch {@code nn.BatchNorm1d}); the same
 * members as {@link BatchNorm2d}.
 */
public final class BatchNorm1d extends BatchNorm2d {
    /** eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int features, DataType dataType) {
        this(features, 1e-5, 0.1, dataType);
    }

    public BatchNorm1d(int features, double eps, double momentum, DataType dataType) {
        super(features, eps, momentum, dataType, 2, "BatchNorm1d");
    }

    @Override
    boolean accepts(long[] shape) {
        return (shape.length == 2 || shape.length == 3) && shape[1] == runningMean().length();
    }

    @Override
    String expected() {
        return "[N, " + runningMean().length() + "] or [N, " + runningMean().length() + ", L]";
    }
}
