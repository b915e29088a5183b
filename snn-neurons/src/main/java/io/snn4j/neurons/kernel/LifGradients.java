package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a fused LIF backward pass (docs/spec.md §2, exact BPTT).
 *
 * @param gradX     dL/dx, shape of x
 * @param gradVInit dL/dvInit, shape of the given vInit (summed over the batch when broadcast), or
 *                  null when the forward had no vInit
 */
public record LifGradients(INDArray gradX, INDArray gradVInit) {
}
