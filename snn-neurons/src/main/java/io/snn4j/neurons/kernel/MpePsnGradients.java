package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a fused MPE-PSN backward pass (Chen et al.; docs/spec.md §5).
 *
 * @param gradX         dL/dx, shape of x (no gradient flows through the mask draw)
 * @param gradThreshold dL/dθ
 * @param gradCoef      dL/dcoef, length T, shape and type of the given coef
 */
public record MpePsnGradients(INDArray gradX, double gradThreshold, INDArray gradCoef) {
}
