package io.snn4j.core.nn;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Pooling;

/** Average pooling of {@code [N, C, H, W]} (PyTorch {@code nn.AvgPool2d}, count_include_pad=True); no members. */
public final class AvgPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Stride = kernel, no padding (PyTorch default). */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        this.kernel = Checks.positive("AvgPool2d", "kernel", kernel);
        this.stride = Checks.positive("AvgPool2d", "stride", stride);
        this.padding = Checks.nonNegative("AvgPool2d", "padding", padding);
        if (2 * padding > kernel) {
            throw new IllegalArgumentException("AvgPool2d: padding " + padding + " must be at most half the kernel " + kernel);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.avgPool2d(x, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "AvgPool2d(k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
    }
}
