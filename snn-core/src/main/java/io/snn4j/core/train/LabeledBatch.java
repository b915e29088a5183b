package io.snn4j.core.train;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch as the {@link Trainer} consumes it: the model input {@code x} (time-first {@code [T, B, ...]},
 * already encoded) and the class label of each of the B samples.
 */
public record LabeledBatch(INDArray x, int[] labels) {
    public LabeledBatch {
        if (x == null || labels == null) {
            throw new IllegalArgumentException("LabeledBatch: x and labels must not be null");
        }
        if (x.rank() < 2 || x.size(1) != labels.length) {
            throw new IllegalArgumentException("LabeledBatch: x must be [T, B, ...] with B = " + labels.length
                    + " labels, got shape " + Arrays.toString(x.shape()));
        }
    }

    /** Batch size B. */
    public int size() {
        return labels.length;
    }
}
