package io.snn4j.core.train;

import java.util.Iterator;

/**
 * A labelled dataset as the {@link Trainer} sees it: the batches of one epoch at a given number of time steps.
 * The batches of {@code (seed, epoch, timeSteps)} must be a pure function of those numbers and the source's own
 * settings: this is what lets a resumed run see the very data an uninterrupted one saw, including
 * shuffling and augmentation, without saving any generator state. {@code io.snn4j.data.train.SampleBatches}
 * adapts an {@code snn-data} dataset.
 */
public interface BatchSource {

    /** Number of samples in one epoch (the trainer rejects an empty training set). */
    int size();

    /**
     * Opens epoch {@code epoch} (0-based) with inputs of {@code timeSteps} steps, {@code [T, B, ...]}, its order
     * and augmentation drawn from {@code seed} (the trainer's {@link TrainerConfig#seed()}).
     */
    Epoch epoch(long seed, int epoch, int timeSteps);

    /** The batches of one epoch, in order; close releases any background work. */
    interface Epoch extends Iterator<LabeledBatch>, AutoCloseable {
        /** Number of batches this epoch yields. */
        int batchCount();

        @Override
        void close();
    }
}
