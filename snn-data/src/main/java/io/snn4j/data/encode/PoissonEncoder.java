package io.snn4j.data.encode;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * Poisson (Bernoulli-per-step) rate coding, as SpikingJelly's PoissonEncoder: at each step a spike
 * is emitted where u &lt; x, u ~ U[0, 1) from the injected generator (x is a firing probability in [0, 1]).
 */
public final class PoissonEncoder {
    private final int timeSteps;

    /** Encodes over {@code timeSteps} steps. */
    public PoissonEncoder(int timeSteps) {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("timeSteps must be positive: " + timeSteps);
        }
        this.timeSteps = timeSteps;
    }

    /** Number of time steps T. */
    public int timeSteps() {
        return timeSteps;
    }

    /**
     * x [d0, ...] → FLOAT spikes [T, d0, ...] in {0, 1}; draws one float per element per step in
     * row-major order (t outermost), so the same generator state gives the same spikes.
     */
    public INDArray encode(INDArray x, RandomGenerator rng) {
        return EncoderSupport.stack(timeSteps, x.shape(), EncoderSupport.floats(x), (t, v, out, off) -> {
            for (int i = 0; i < v.length; i++) {
                out[off + i] = rng.nextFloat() < v[i] ? 1f : 0f;
            }
        });
    }
}
