package io.snn4j.core.nn;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Pooling;

/** Max pooling of {@code [N, C, H, W]} (PyTorch {@code nn.MaxPool2d}); no members. */
public final class MaxPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Stride = kernel, no padding (PyTorch default). */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = Checks.positive("MaxPool2d", "kernel", kernel);
        this.stride = Checks.positive("MaxPool2d", "stride", stride);
        this.padding = Checks.nonNegative("MaxPool2d", "padding", padding);
        if (2 * padding > kernel) {
            throw new IllegalArgumentException("MaxPool2d: padding " + padding + " must be at most half the kernel " + kernel);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.maxPool2d(x, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "MaxPool2d(k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
    }
}
