package io.snn4j.core.train;

/**
 * Callbacks around the {@link Trainer}'s loop (DJL's {@code TrainingListener}): metrics, logging, checkpoints,
 * firing rates, energy, early stopping by throwing. Every method has an empty default, so a listener overrides
 * only what it needs. Order per epoch: {@code onEpochStart}, per batch {@code onBatchStart}/{@code onBatchEnd},
 * then {@code onEvaluationStart}, {@code onEvaluationEnd} (add columns to the epoch's metrics here) and
 * {@code onEpochEnd}. Listeners run in the order they were added, the built-in ones (progress log, energy, run
 * directory) first.
 */
public interface TrainingListener {

    /** Before the first epoch (also on resume: {@link TrainingContext#epoch()} is the epoch to resume at). */
    default void onTrainingStart(TrainingContext ctx) {
    }

    default void onEpochStart(TrainingContext ctx) {
    }

    default void onBatchStart(TrainingContext ctx) {
    }

    default void onBatchEnd(TrainingContext ctx, BatchResult batch) {
    }

    /** Before an evaluation pass over the test data (the model is in eval mode). */
    default void onEvaluationStart(TrainingContext ctx) {
    }

    /** After an evaluation pass: {@code extra} receives this listener's metrics (they become {@link Evaluation#extras()}). */
    default void onEvaluationEnd(TrainingContext ctx, Evaluation evaluation, Metrics extra) {
    }

    /** After an epoch and its evaluation; {@code metrics} is the epoch's row (read-only by convention). */
    default void onEpochEnd(TrainingContext ctx, Metrics metrics) {
    }

    default void onTrainingEnd(TrainingContext ctx, TrainingResult result) {
    }
}
