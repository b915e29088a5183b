package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of a fused MPE-PSN forward pass (Chen et al.; docs/spec.md §5).
 *
 * @param spikes   s = 1[hhat − θ > 0], shape of x
 * @param membrane hhat, shape of x, or null unless requested
 * @param memLoss  mean over all T·N elements of {@code coef[t]·(vhat − v)²}
 * @param saved    what backward needs; opaque
 * @param spikeCount the number of spikes, counted while they were written
 */
public record MpePsnForward(INDArray spikes, INDArray membrane, double memLoss, MpePsnSaved saved,
                            double spikeCount) {
}
