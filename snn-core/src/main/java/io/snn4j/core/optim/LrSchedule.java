package io.snn4j.core.optim;

/**
 * A learning-rate schedule as a pure function of a step counter (closed forms, as in PyTorch's
 * {@code lr_scheduler} {@code _get_closed_form_lr}), so resuming from a checkpoint needs only the
 * counter.
 *
 * <p>{@code step} is the number of completed scheduler steps, starting at 0: the epoch index when
 * the schedule is advanced once per epoch (the papers' recipes), or the iteration index when it is
 * advanced once per batch — the caller decides, and {@code totalSteps}/{@code stepSize}/warm-up
 * lengths are in the same unit.
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate for step {@code step} ≥ 0. */
    double learningRate(int step);

    /** Sets {@code opt}'s learning rate to {@link #learningRate(int) learningRate(step)}. */
    default void apply(Optimizer opt, int step) {
        opt.setLearningRate(learningRate(step));
    }

    /** A constant learning rate. */
    static LrSchedule constant(double lr) {
        Schedules.checkLr("constant", "lr", lr);
        return step -> {
            Schedules.checkStep(step);
            return lr;
        };
    }
}
