package io.snn4j.core.nn;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

import io.snn4j.core.functional.DoubleRows;
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
        return draw(type, shape, () -> lo + (hi - lo) * rng.nextDouble());
    }

    /** Normal with the given mean and standard deviation. */
    public static INDArray normal(DataType type, long[] shape, double mean, double std, RandomGenerator rng) {
        return draw(type, shape, () -> mean + std * rng.nextGaussian());
    }

    /** Values per block: a few KiB of Java heap, never one of G1's humongous objects (half a region or more). */
    static final int BLOCK = 8192;

    /**
     * A c-ordered array of {@code shape} filled, in row-major order, with {@code value}'s draws rounded once to
     * {@code type} (as a DOUBLE array cast to {@code type}), written block by block into the array's buffer.
     * Filling a whole-tensor {@code double[]} first made every large weight a humongous Java array: 100 MiB of
     * SEW-ResNet-18's Java heap, touched once and then resident for the rest of the run.
     */
    private static INDArray draw(DataType type, long[] shape, DoubleSupplier value) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("init: " + n + " values (shape " + Arrays.toString(shape)
                    + ") exceed the limit of one array");
        }
        if (n == 0) {
            return Nd4j.create(type, shape);   // empty: no buffer to write
        }
        boolean direct = type == DataType.FLOAT || type == DataType.DOUBLE;
        INDArray out = Nd4j.createUninitialized(direct ? type : DataType.DOUBLE, shape);
        DoubleRows rows = DoubleRows.of(out, "init");
        double[] block = new double[(int) Math.min(n, BLOCK)];
        float[] scratch = new float[block.length];
        for (int at = 0; at < n; at += block.length) {
            int len = (int) Math.min(block.length, n - at);
            for (int i = 0; i < len; i++) {
                block[i] = value.getAsDouble();
            }
            rows.put(at, block, len, scratch);
        }
        return direct ? out : out.castTo(type);
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
