package io.snn4j.data.encode;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Latency / time-to-first-spike coding (linear form of SpikingJelly's LatencyEncoder): each input
 * x in [0, 1] (clipped) fires exactly once, at step t_f = round((T - 1)·(1 - x)), so brighter inputs
 * fire earlier; with {@code silentZero} an input of exactly 0 never fires.
 */
public final class LatencyEncoder {
    private final int timeSteps;
    private final boolean silentZero;

    /** Encodes over {@code timeSteps} steps; zeros fire at the last step (SpikingJelly's behaviour). */
    public LatencyEncoder(int timeSteps) {
        this(timeSteps, false);
    }

    /** As {@link #LatencyEncoder(int)}, optionally leaving zero inputs silent. */
    public LatencyEncoder(int timeSteps, boolean silentZero) {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("timeSteps must be positive: " + timeSteps);
        }
        this.timeSteps = timeSteps;
        this.silentZero = silentZero;
    }

    /** Number of time steps T. */
    public int timeSteps() {
        return timeSteps;
    }

    /** Firing step of an input value, or -1 when it never fires. */
    public int firingStep(float x) {
        if (silentZero && x <= 0f) {
            return -1;
        }
        float v = Math.max(0f, Math.min(1f, x));
        return Math.round((timeSteps - 1) * (1f - v));
    }

    /** x [d0, ...] → FLOAT spikes [T, d0, ...], one spike per element (none for silent zeros). */
    public INDArray encode(INDArray x) {
        return EncoderSupport.stack(timeSteps, x.shape(), EncoderSupport.floats(x), (t, v, out, off) -> {
            for (int i = 0; i < v.length; i++) {
                out[off + i] = firingStep(v[i]) == t ? 1f : 0f;
            }
        });
    }
}
