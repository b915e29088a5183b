package io.snn4j.core.nn;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable leaf tensor owned by a {@link Module}. Optimizers update its value in place.
 * {@link #weightDecay()} says whether weight decay applies (false for biases, BatchNorm affine
 * parameters and learnable initial membrane potentials, following the papers' recipes).
 */
public final class Parameter extends Tensor {
    private final boolean weightDecay;

    private Parameter(INDArray value, boolean weightDecay) {
        super(value, true);
        this.weightDecay = weightDecay;
    }

    /** A parameter subject to weight decay (weights of conv and linear layers). */
    public static Parameter of(INDArray value) {
        return new Parameter(value, true);
    }

    /** A parameter excluded from weight decay (biases, BN γ/β, initial membrane potentials). */
    public static Parameter noDecay(INDArray value) {
        return new Parameter(value, false);
    }

    public boolean weightDecay() {
        return weightDecay;
    }
}
