package io.snn4j.core.functional;

import static io.snn4j.core.functional.NativeOps.shape;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout (PyTorch {@code F.dropout}) and its time-shared variant (SpikingJelly
 * {@code layer.Dropout}: one mask per sequence, reused at every time step); masks come from the
 * caller's {@link RandomGenerator}.
 */
public final class Dropout {
    private Dropout() {
    }

    /**
     * Zeroes each element with probability {@code p} and scales survivors by {@code 1/(1−p)}; identity
     * when not training or {@code p = 0}. One mask element is drawn per input element, row-major.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, RandomGenerator rng) {
        checkP(p);
        if (!training || p == 0) {
            return x;
        }
        return applyMask(x, mask(x.dataType(), x.shape(), p, rng));
    }

    /**
     * Dropout of a time-first {@code [T, B, ...]} input with one mask {@code [1, B, ...]} shared by all
     * T steps (a neuron dropped at one step stays dropped for the whole sequence); identity when not
     * training or {@code p = 0}.
     */
    public static Tensor dropoutSharedOverTime(Tensor x, double p, boolean training, RandomGenerator rng) {
        checkP(p);
        if (x.rank() < 2) {
            throw new IllegalArgumentException("dropoutSharedOverTime: input must be time-first [T, B, ...], got shape "
                    + shape(x));
        }
        if (!training || p == 0) {
            return x;
        }
        long[] ms = x.shape().clone();
        ms[0] = 1;
        return applyMask(x, mask(x.dataType(), ms, p, rng));
    }

    /**
     * A dropout mask: each element is 0 with probability {@code p} (when {@code rng.nextDouble() < p}),
     * else {@code 1/(1−p)}.
     */
    public static INDArray mask(DataType type, long[] shape, double p, RandomGenerator rng) {
        checkP(p);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double keep = 1.0 / (1.0 - p);
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() < p ? 0.0 : keep;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    /** {@code x ⊙ mask}, the mask broadcast along size-1 dimensions (a constant: no gradient flows to it). */
    public static Tensor applyMask(Tensor x, INDArray mask) {
        long[] xs = x.shape();
        long[] ms = mask.shape();
        boolean ok = xs.length == ms.length;
        for (int i = 0; ok && i < xs.length; i++) {
            ok = ms[i] == xs[i] || ms[i] == 1;
        }
        if (!ok || mask.dataType() != x.dataType()) {
            throw new IllegalArgumentException("dropout: mask " + Arrays.toString(ms) + " " + mask.dataType()
                    + " does not fit input " + shape(x) + " " + x.dataType());
        }
        INDArray y = x.value().mul(mask);
        return Tensor.record("dropout", y, g -> new INDArray[] {g[0].mul(mask)}, x);
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability p must be in [0, 1), got " + p);
        }
    }
}
