package io.snn4j.core.train;

import io.snn4j.core.autograd.Tensor;

/** Guards a training loop against non-finite losses by raising {@link NonFiniteLossException} with the step. */
public final class LossGuard {
    private LossGuard() {
    }

    /** Returns {@code loss} if it is finite, otherwise throws naming {@code step}. */
    public static double check(double loss, long step) {
        return check(loss, step, null);
    }

    /** As {@link #check(double, long)}, with extra context (epoch, batch, loss name) in the message. */
    public static double check(double loss, long step, String context) {
        if (!Double.isFinite(loss)) {
            throw new NonFiniteLossException(step, loss, context);
        }
        return loss;
    }

    /** Checks a one-element loss tensor and returns it (so it can be chained before backward). */
    public static Tensor check(Tensor loss, long step) {
        check(loss.item(), step, null);
        return loss;
    }
}
