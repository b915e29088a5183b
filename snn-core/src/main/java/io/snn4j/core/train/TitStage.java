package io.snn4j.core.train;

import io.snn4j.core.optim.LrSchedule;

/**
 * One continuation stage of time inheritance training (TIT, TET paper; docs/spec.md §9): after the previous stage, the
 * model is continued at {@code timeSteps} from the same parameters (see {@link TimeInheritance}) with a fresh
 * optimizer and {@code schedule} (indexed by the stage's own epochs, from 0) for {@code epochs} epochs.
 *
 * @param timeSteps T of this stage, &gt; 0
 * @param epochs    epochs of this stage, &gt; 0
 * @param schedule  learning rate per epoch of this stage (e.g. {@code LrSchedule.constant(1e-4)})
 */
public record TitStage(int timeSteps, int epochs, LrSchedule schedule) {
    public TitStage {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("TitStage: timeSteps must be > 0, got " + timeSteps);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("TitStage: epochs must be > 0, got " + epochs);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("TitStage: schedule must not be null");
        }
    }
}
