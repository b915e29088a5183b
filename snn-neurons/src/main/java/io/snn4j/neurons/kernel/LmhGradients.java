package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a fused LM-H backward pass (Hao et al., ICLR 2024; docs/spec.md §4), the raw-parameter
 * gradients taken through the sigmoids.
 *
 * @param gradX  dL/dx, shape of x
 * @param gradA1 dL/da1
 * @param gradB1 dL/db1
 * @param gradA2 dL/da2
 * @param gradB2 dL/db2
 * @param gradVD0 dL/dvD0 (shape of the given vD0, summed when broadcast), or null if none given
 * @param gradVS0 dL/dvS0 (shape of the given vS0, summed when broadcast), or null if none given
 */
public record LmhGradients(INDArray gradX, double gradA1, double gradB1, double gradA2,
                           double gradB2, INDArray gradVD0, INDArray gradVS0) {
}
