package io.snn4j.core.nn;

import io.snn4j.core.autograd.Tensor;

/** Merges dimensions {@code startDim..} into one (PyTorch {@code nn.Flatten(start_dim)}); no members. */
public final class Flatten extends Module {
    private final int startDim;

    /** {@code startDim} 1 flattens {@code [N, C, H, W]} to {@code [N, C·H·W]}; 2 flattens {@code [T, B, C, H, W]} per step. */
    public Flatten(int startDim) {
        this.startDim = Checks.nonNegative("Flatten", "startDim", startDim);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startDim);
    }

    @Override
    public String toString() {
        return "Flatten(" + startDim + ")";
    }
}
