package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of a fused LM-H forward pass (Hao et al., ICLR 2024; docs/spec.md §4).
 *
 * @param spikes   o = θ·1[mS − θ > 0], shape of x
 * @param membrane mS, shape of x, or null unless requested
 * @param vDFinal  vD at the last step, length N
 * @param vSFinal  vS (after reset) at the last step, length N
 * @param saved    what backward needs; opaque
 * @param spikeCount the number of spikes (o/θ summed), counted while they were written
 */
public record LmhForward(INDArray spikes, INDArray membrane, INDArray vDFinal, INDArray vSFinal,
                         LmhSaved saved, double spikeCount) {
}
