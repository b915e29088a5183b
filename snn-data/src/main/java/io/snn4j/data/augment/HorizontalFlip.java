package io.snn4j.data.augment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.random.RandomGenerator;

/** torchvision-style RandomHorizontalFlip(p): mirrors the W axis when rng.nextDouble() &lt; p. */
public final class HorizontalFlip implements ImageTransform {
    private final double probability;

    /** Flips with probability {@code p}. */
    public HorizontalFlip(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        this.probability = p;
    }

    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        return rng.nextDouble() < probability ? flip(x) : x.dup();
    }

    /** Mirrors the last axis. */
    public static INDArray flip(INDArray x) {
        long[] s = x.shape();
        int w = (int) s[s.length - 1];
        float[] in = x.dup('c').data().asFloat();
        float[] out = new float[in.length];
        for (int row = 0; row < in.length / w; row++) {
            for (int c = 0; c < w; c++) {
                out[row * w + c] = in[row * w + w - 1 - c];
            }
        }
        return Nd4j.create(out, s, DataType.FLOAT);
    }
}
