package io.snn4j.core.optim;

/**
 * Step decay, the closed form of PyTorch's {@code StepLR}: {@code lr(t) = base·gamma^⌊t/stepSize⌋}.
 *
 * @param base     learning rate at step 0, ≥ 0
 * @param stepSize steps between decays, &gt; 0
 * @param gamma    decay factor, finite and &gt; 0
 */
public record StepSchedule(double base, int stepSize, double gamma) implements LrSchedule {
    public StepSchedule {
        Schedules.checkLr("StepSchedule", "base", base);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepSchedule: stepSize must be > 0, got " + stepSize);
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("StepSchedule: gamma must be finite and > 0, got " + gamma);
        }
    }

    @Override
    public double learningRate(int step) {
        Schedules.checkStep(step);
        return base * Math.pow(gamma, step / stepSize);
    }
}
