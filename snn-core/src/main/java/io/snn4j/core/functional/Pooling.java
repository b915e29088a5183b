package io.snn4j.core.functional;

import static io.snn4j.core.functional.NativeOps.c;
import static io.snn4j.core.functional.NativeOps.shape;

import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D average and max pooling over NCHW (PyTorch {@code F.avg_pool2d} with count_include_pad=True,
 * {@code F.max_pool2d}, floor mode) as libnd4j {@code avgpool2d}/{@code maxpool2d} and their
 * {@code _bp} ops, plus global average pooling.
 */
public final class Pooling {
    private Pooling() {
    }

    /** Average pooling; padded zeros count in the divisor (always {@code kernel²}), as PyTorch's default. */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return pool("avgpool2d", x, kernel, stride, padding, 1);
    }

    /** Max pooling; padding never wins the max (padded cells are ignored, as PyTorch's implicit −∞). */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return pool("maxpool2d", x, kernel, stride, padding, 0);
    }

    /**
     * Mean over the spatial axes of {@code [N, C, H, W]}: {@code [N, C, 1, 1]} with {@code keepDims}
     * (PyTorch's {@code AdaptiveAvgPool2d(1)}), else {@code [N, C]}.
     */
    public static Tensor globalAvgPool(Tensor x, boolean keepDims) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("globalAvgPool: input must be [N, C, H, W], got shape " + shape(x));
        }
        return x.mean(keepDims, 2, 3);
    }

    private static Tensor pool(String op, Tensor x, int kernel, int stride, int padding, int extra) {
        NativeOps.positive(op, "kernel", kernel);
        NativeOps.positive(op, "stride", stride);
        NativeOps.nonNegative(op, "padding", padding);
        if (2 * padding > kernel) {
            throw new IllegalArgumentException(op + ": padding " + padding + " must be at most half the kernel " + kernel);
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be [N, C, H, W], got shape " + shape(x));
        }
        long oH = NativeOps.outSize(x.size(2), kernel, stride, padding, 1);
        long oW = NativeOps.outSize(x.size(3), kernel, stride, padding, 1);
        if (oH < 1 || oW < 1) {
            throw new IllegalArgumentException(op + ": input shape " + shape(x) + " is too small for kernel "
                    + kernel + " with padding " + padding);
        }
        int[] iargs = {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, extra, 0};
        INDArray xv = c(x.value());
        INDArray y = BufferPool.uninitialized(x.dataType(), x.size(0), x.size(1), oH, oW);
        NativeOps.exec(op, new INDArray[] {xv}, new INDArray[] {y}, iargs);
        return Tensor.record(op, y, g -> {
            INDArray gx = BufferPool.uninitialized(xv.dataType(), xv.shape());
            NativeOps.exec(op + "_bp", new INDArray[] {xv, c(g[0])}, new INDArray[] {gx}, iargs);
            return new INDArray[] {gx};
        }, x);
    }
}
