package io.snn4j.data.augment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.random.RandomGenerator;

/** torchvision-style Normalize(mean, std): per channel (x - mean[c]) / std[c] on [C, H, W]. */
public final class Normalize implements ImageTransform {
    private final float[] mean;
    private final float[] std;

    /** One mean and standard deviation per channel. */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std need the same, non-zero length");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Fashion-MNIST training-set statistics (mean 0.2860, std 0.3530). */
    public static Normalize fashionMnist() {
        return new Normalize(new float[] {0.2860f}, new float[] {0.3530f});
    }

    /** MNIST statistics (mean 0.1307, std 0.3081). */
    public static Normalize mnist() {
        return new Normalize(new float[] {0.1307f}, new float[] {0.3081f});
    }

    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        long[] s = x.shape();
        if (s.length < 3 || s[s.length - 3] != mean.length) {
            throw new IllegalArgumentException("expected [..., " + mean.length + ", H, W], got " + java.util.Arrays.toString(s));
        }
        int plane = (int) (s[s.length - 2] * s[s.length - 1]);
        float[] d = x.dup('c').data().asFloat();
        for (int i = 0; i < d.length; i++) {
            int c = (i / plane) % mean.length;
            d[i] = (d[i] - mean[c]) / std[c];
        }
        return Nd4j.create(d, s, DataType.FLOAT);
    }
}
