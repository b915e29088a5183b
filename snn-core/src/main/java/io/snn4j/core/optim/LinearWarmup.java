package io.snn4j.core.optim;

/**
 * Linear warm-up before another schedule (PyTorch {@code LinearLR} followed by the inner schedule,
 * as {@code SequentialLR} chains them): for {@code t < warmupSteps} the rate is
 * {@code inner(0)·(startFactor + (1 − startFactor)·t/warmupSteps)}; from then on it is
 * {@code inner(t − warmupSteps)}, so the inner schedule starts counting after the warm-up.
 *
 * @param inner       the schedule after warm-up
 * @param warmupSteps length of the warm-up, ≥ 0 (0: no warm-up)
 * @param startFactor fraction of {@code inner(0)} at step 0, in (0, 1]
 */
public record LinearWarmup(LrSchedule inner, int warmupSteps, double startFactor) implements LrSchedule {
    public LinearWarmup {
        if (inner == null) {
            throw new IllegalArgumentException("LinearWarmup: inner schedule must not be null");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("LinearWarmup: warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearWarmup: startFactor must be in (0, 1], got " + startFactor);
        }
    }

    @Override
    public double learningRate(int step) {
        Schedules.checkStep(step);
        if (step >= warmupSteps) {
            return inner.learningRate(step - warmupSteps);
        }
        return inner.learningRate(0) * (startFactor + (1 - startFactor) * step / warmupSteps);
    }
}
