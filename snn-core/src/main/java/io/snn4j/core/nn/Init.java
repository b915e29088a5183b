package io.snn4j.core.nn;

import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded parameter initialisers. Every draw comes from the caller's {@link RandomGenerator}, in
 * row-major order, so the same seed gives bit-identical parameters on every run.
 */
public final class Init {
    private Init() {
    }

    /** Uniform on {@code [lo, hi)}. */
    public static INDArray uniform(DataType type, long[] shape, double lo, double hi, RandomGenerator rng) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("uniform init needs lo < hi, got [" + lo + ", " + hi + ")");
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    /** Normal with the given mean and standard deviation. */
    public static INDArray normal(DataType type, long[] shape, double mean, double std, RandomGenerator rng) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * rng.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    /**
     * PyTorch's default for conv and linear weights: kaiming-uniform with a = √5, i.e. uniform on
     * ±1/√fanIn; {@code fanIn} = in_features (linear) or in_channels·kH·kW (conv).
     */
    public static INDArray defaultWeight(DataType type, long[] shape, long fanIn, RandomGenerator rng) {
        double bound = 1.0 / Math.sqrt(fanIn);
        return uniform(type, shape, -bound, bound, rng);
    }

    /** PyTorch's default bias: uniform on ±1/√fanIn. */
    public static INDArray defaultBias(DataType type, long size, long fanIn, RandomGenerator rng) {
        double bound = 1.0 / Math.sqrt(fanIn);
        return uniform(type, new long[] {size}, -bound, bound, rng);
    }

    /** Kaiming-normal (fan-out, ReLU gain) as used by ResNet-style models for conv weights. */
    public static INDArray kaimingNormalFanOut(DataType type, long[] shape, long fanOut, RandomGenerator rng) {
        return normal(type, shape, 0.0, Math.sqrt(2.0 / fanOut), rng);
    }
}
