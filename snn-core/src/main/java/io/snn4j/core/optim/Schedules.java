package io.snn4j.core.optim;

/** Argument checks shared by the {@link LrSchedule} implementations. */
final class Schedules {
    private Schedules() {
    }

    static void checkLr(String schedule, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(schedule + ": " + what + " must be finite and >= 0, got " + v);
        }
    }

    static void checkStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("learning-rate schedule: step must be >= 0, got " + step);
        }
    }
}
