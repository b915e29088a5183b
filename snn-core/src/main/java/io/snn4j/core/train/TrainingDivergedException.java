package io.snn4j.core.train;

/** The loss grew past the {@link DivergenceGuard}'s bounds; the message names the step and the bound. */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final double loss;

    public TrainingDivergedException(long step, double loss, String message) {
        super(message);
        this.step = step;
        this.loss = loss;
    }

    /** The global step at which the guard stopped the run. */
    public long step() {
        return step;
    }

    public double loss() {
        return loss;
    }
}
