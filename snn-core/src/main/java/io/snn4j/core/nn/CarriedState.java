package io.snn4j.core.nn;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The state a stateful layer carries from one forward to the next under {@link Module#carryState(boolean)}
 * (time-slicing online training, docs/spec.md §4): off, or after {@link Module#resetState()}, a forward starts from
 * the layer's initial state; on, it starts from the gradient-stopped final state of the previous forward, provided
 * the per-step shape still matches. Created by {@link Module#registerCarriedState}, which switches and clears it.
 *
 * @param <S> the layer's state (a tensor, or a record of tensors)
 */
public final class CarriedState<S> {
    private final Function<S, long[]> shapeOf;
    private final UnaryOperator<S> detach;
    private boolean on;
    private S state;

    CarriedState(Function<S, long[]> shapeOf, UnaryOperator<S> detach) {
        this.shapeOf = shapeOf;
        this.detach = detach;
    }

    /** Whether forwards carry their state (the layer then needs its final state). */
    public boolean on() {
        return on;
    }

    /** The state a forward over per-step shape {@code perStep} starts from, or null for the initial state. */
    public S start(long[] perStep) {
        return on && state != null && Arrays.equals(shapeOf.apply(state), perStep) ? state : null;
    }

    /**
     * Keeps {@code finalState}, cut off from the tape, for the next forward (nothing when carrying is off). The
     * {@code detach} function must copy ({@code Tensor::detachCopy}): the step's graph buffers are recycled after
     * backward, before the next forward reads the state.
     */
    public void end(S finalState) {
        if (on) {
            state = detach.apply(finalState);
        }
    }

    void switchTo(boolean carry) {
        on = carry;
        state = null;
    }

    void clear() {
        state = null;
    }
}
