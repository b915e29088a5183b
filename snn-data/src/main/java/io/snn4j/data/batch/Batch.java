package io.snn4j.data.batch;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: x is FLOAT [T, B, C, H, W] for time-major samples ([T, C, H, W]) or [B, ...]
 * otherwise; labels[b] and the dataset indices[b] of each row.
 */
public record Batch(INDArray x, int[] labels, int[] indices) {
    /** Batch size B. */
    public int size() {
        return labels.length;
    }
}
