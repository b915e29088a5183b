package io.snn4j.core.autograd;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sums and means over all elements or over axes, with their gradients. */
public final class ReduceOps {
    private ReduceOps() {
    }

    public static Tensor sum(Tensor a) {
        long[] shape = a.shape();
        INDArray out = Nd4j.scalar(a.dataType(), a.value().sumNumber().doubleValue());
        return Tensor.record("sum", out,
                g -> new INDArray[] {BufferPool.uninitialized(a.dataType(), shape).assign(g[0].getDouble(0))}, a);
    }

    public static Tensor mean(Tensor a) {
        long[] shape = a.shape();
        long n = a.length();
        INDArray out = Nd4j.scalar(a.dataType(), a.value().sumNumber().doubleValue() / n);
        return Tensor.record("mean", out,
                g -> new INDArray[] {BufferPool.uninitialized(a.dataType(), shape).assign(g[0].getDouble(0) / n)}, a);
    }

    static int[] normaliseAxes(String op, Tensor a, int... axes) {
        int r = a.rank();
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int ax = axes[i] < 0 ? axes[i] + r : axes[i];
            if (ax < 0 || ax >= r) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " out of range for shape " + Arrays.toString(a.shape()));
            }
            out[i] = ax;
        }
        return out;
    }

    public static Tensor sum(Tensor a, boolean keepDims, int... axes) {
        int[] ax = normaliseAxes("sum", a, axes);
        long[] shape = a.shape();
        INDArray kept = a.value().sum(true, ax);
        long[] keptShape = kept.shape();
        INDArray out = keepDims ? kept : a.value().sum(false, ax);
        return Tensor.record("sum", out,
                g -> new INDArray[] {BufferPool.zeros(a.dataType(), shape).addi(g[0].reshape(keptShape))}, a);
    }

    public static Tensor mean(Tensor a, boolean keepDims, int... axes) {
        int[] ax = normaliseAxes("mean", a, axes);
        long n = 1;
        for (int x : ax) {
            n *= a.size(x);
        }
        return sum(a, keepDims, ax).mul(1.0 / n);
    }
}
