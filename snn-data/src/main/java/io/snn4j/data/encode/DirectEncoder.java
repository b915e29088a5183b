package io.snn4j.data.encode;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct (analog) input encoding of TET/tdBN: the static input is repeated at each of T time steps,
 * [...] → [T, ...] (docs/spec.md §7).
 */
public final class DirectEncoder {
    private final int timeSteps;

    /** Repeats inputs {@code timeSteps} times. */
    public DirectEncoder(int timeSteps) {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("timeSteps must be positive: " + timeSteps);
        }
        this.timeSteps = timeSteps;
    }

    /** Number of time steps T. */
    public int timeSteps() {
        return timeSteps;
    }

    /** x of shape [d0, d1, ...] → FLOAT [T, d0, d1, ...] with out[t] = x for every t. */
    public INDArray encode(INDArray x) {
        return EncoderSupport.stack(timeSteps, x.shape(), EncoderSupport.floats(x), (t, v, out, off) ->
                System.arraycopy(v, 0, out, off, v.length));
    }
}
