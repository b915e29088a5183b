package io.snn4j.core.train;

import java.util.ArrayDeque;

/**
 * Stops a run whose loss explodes, before it wastes hours: a loss above {@code maxLoss}, or more than
 * {@code growthFactor} times the smallest loss of the last {@code window} steps, raises
 * {@link TrainingDivergedException} naming the step. Non-finite losses are always an error
 * ({@link LossGuard}). Immutable settings; {@link #newMonitor()} gives the per-run state.
 *
 * @param maxLoss      absolute bound on a step's loss, &gt; 0 (infinite: no bound)
 * @param growthFactor bound on loss / (smallest loss of the window), &gt; 1 (infinite: no bound)
 * @param window       number of preceding steps compared, &gt; 0
 */
public record DivergenceGuard(double maxLoss, double growthFactor, int window) {
    /** The default: loss above 1e6, or 10,000 times the smallest of the last 200 steps. */
    public static final DivergenceGuard DEFAULT = new DivergenceGuard(1e6, 1e4, 200);

    public DivergenceGuard {
        if (!(maxLoss > 0)) {
            throw new IllegalArgumentException("DivergenceGuard: maxLoss must be > 0, got " + maxLoss);
        }
        if (!(growthFactor > 1)) {
            throw new IllegalArgumentException("DivergenceGuard: growthFactor must be > 1, got " + growthFactor);
        }
        if (window <= 0) {
            throw new IllegalArgumentException("DivergenceGuard: window must be > 0, got " + window);
        }
    }

    /** Only non-finite losses stop the run. */
    public static DivergenceGuard off() {
        return new DivergenceGuard(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
    }

    /** Per-run state of the guard. */
    public Monitor newMonitor() {
        return new Monitor();
    }

    /** Checks successive losses against the guard. */
    public final class Monitor {
        private final ArrayDeque<Double> recent = new ArrayDeque<>();

        private Monitor() {
        }

        /** Throws if {@code loss} (of global step {@code step}) is non-finite or diverged; otherwise records it. */
        public void check(double loss, long step, String context) {
            LossGuard.check(loss, step, context);
            if (loss > maxLoss) {
                throw new TrainingDivergedException(step, loss, "loss " + loss + " at step " + step + " exceeds the bound "
                        + maxLoss + " (" + context + ")");
            }
            if (!recent.isEmpty()) {
                double min = Double.POSITIVE_INFINITY;
                for (double v : recent) {
                    min = Math.min(min, v);
                }
                if (min > 0 && loss > growthFactor * min) {
                    throw new TrainingDivergedException(step, loss, "loss " + loss + " at step " + step + " is more than "
                            + growthFactor + " times the smallest loss " + min + " of the previous " + recent.size()
                            + " steps (" + context + ")");
                }
            }
            recent.addLast(loss);
            if (recent.size() > window) {
                recent.removeFirst();
            }
        }
    }
}
