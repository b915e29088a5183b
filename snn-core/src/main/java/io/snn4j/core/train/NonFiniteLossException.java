package io.snn4j.core.train;

/**
 * A loss that is NaN or infinite, reported with the training step at which it appeared (the
 * project rule: "NaN/Inf in a loss is reported with the step").
 */
public final class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final double loss;

    public NonFiniteLossException(long step, double loss, String context) {
        super("loss is " + loss + " at step " + step + (context == null || context.isEmpty() ? "" : " (" + context + ")"));
        this.step = step;
        this.loss = loss;
    }

    /** The global step at which the loss was not finite. */
    public long step() {
        return step;
    }

    /** The offending value (NaN, +Inf or -Inf). */
    public double loss() {
        return loss;
    }
}
