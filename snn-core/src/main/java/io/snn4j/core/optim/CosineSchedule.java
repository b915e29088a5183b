package io.snn4j.core.optim;

/**
 * Cosine annealing (Loshchilov &amp; Hutter 2017, SGDR without restarts), the closed form of PyTorch's
 * {@code CosineAnnealingLR}: {@code lr(t) = floor + (base − floor)·(1 + cos(π·t/T))/2} for
 * {@code 0 ≤ t ≤ T}. Unlike PyTorch's closed form, which keeps following the cosine back up after
 * {@code T}, this schedule stays at {@code floor} for {@code t > T}.
 *
 * @param base       learning rate at step 0, ≥ 0
 * @param floor      learning rate at step {@code totalSteps} and after (PyTorch {@code eta_min}), ≥ 0
 * @param totalSteps T (PyTorch {@code T_max}), &gt; 0
 */
public record CosineSchedule(double base, double floor, int totalSteps) implements LrSchedule {
    public CosineSchedule {
        Schedules.checkLr("CosineSchedule", "base", base);
        Schedules.checkLr("CosineSchedule", "floor", floor);
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("CosineSchedule: totalSteps must be > 0, got " + totalSteps);
        }
    }

    /** Cosine to 0 (the TET recipe). */
    public static CosineSchedule toZero(double base, int totalSteps) {
        return new CosineSchedule(base, 0.0, totalSteps);
    }

    @Override
    public double learningRate(int step) {
        Schedules.checkStep(step);
        if (step >= totalSteps) {
            return floor;
        }
        return floor + (base - floor) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2;
    }
}
