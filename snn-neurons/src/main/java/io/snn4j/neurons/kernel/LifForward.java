package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of a fused LIF forward pass (docs/spec.md §2).
 *
 * @param spikes     s, shape of x (0/1)
 * @param membrane   h before reset, shape of x, or null unless requested
 * @param vFinal     post-reset v at the last step, length N (shape of one time step of x); null
 *                   from {@link LifKernel#forwardSpikes}
 * @param saved      what backward needs; opaque
 * @param spikeCount the number of spikes in {@code spikes}, counted while they were written
 */
public record LifForward(INDArray spikes, INDArray membrane, INDArray vFinal, LifSaved saved, double spikeCount) {
}
