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

    /**
     * CIFAR-10 training-set per-channel statistics: mean (0.4914, 0.4822, 0.4465), std (0.2470,
     * 0.2435, 0.2616). (Many SNN codes copy std (0.2023, 0.1994, 0.2010) from a popular PyTorch
     * CIFAR repository; pass those to the constructor to match them.)
     */
    public static Normalize cifar10() {
        return new Normalize(new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f});
    }

    /** CIFAR-100 training-set per-channel statistics: mean (0.5071, 0.4865, 0.4409), std (0.2673, 0.2564, 0.2762). */
    public static Normalize cifar100() {
        return new Normalize(new float[] {0.5071f, 0.4865f, 0.4409f}, new float[] {0.2673f, 0.2564f, 0.2762f});
    }

    /** ImageNet statistics as torchvision's models use: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). */
    public static Normalize imageNet() {
        return new Normalize(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
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
