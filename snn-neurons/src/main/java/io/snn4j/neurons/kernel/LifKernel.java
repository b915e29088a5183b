package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fused multi-step LIF neuron (SPEC §2; TET eq. 1–3, IMP learnable v0 of Shen et al. NeurIPS
 * 2024 §3): one forward and one exact-BPTT backward pass over a whole time-major block
 * {@code [T, N]} (element (t, n) at index {@code t·N + n}). Implementations: {@link #cpu()}; a GPU
 * backend implements the same interface.
 *
 * <p>Arrays are dense FLOAT or DOUBLE; every array of one call must share the data type.
 */
public interface LifKernel {

    /**
     * Runs {@code T = x.size(0)} steps.
     *
     * @param config        neuron hyperparameters
     * @param x             input current, shape {@code [T, ...]}; N = product of the other dims
     * @param vInit         initial membrane potential: null for zeros; length M with
     *                      {@code N % M == 0} (neuron n starts at {@code vInit[n % M]}: a per-sample
     *                      learnable v0 broadcast over the batch); or length N (full state, e.g. a
     *                      previous call's {@link LifForward#vFinal()} when streaming)
     * @param keepMembrane  also return the membrane h (before reset) for debugging/conformance
     */
    LifForward forward(LifConfig config, INDArray x, INDArray vInit, boolean keepMembrane);

    /** As {@link #forward(LifConfig, INDArray, INDArray, boolean)} for any shape of x with {@code x.length() = T·N}. */
    LifForward forward(LifConfig config, INDArray x, int timeSteps, INDArray vInit, boolean keepMembrane);

    /**
     * Exact BPTT through the forward call that produced {@code saved}.
     *
     * @param gradSpikes  dL/ds, length T·N (any shape), the forward's data type
     * @param gradVFinal  dL/dvFinal (length N) or null when the final state is not used
     * @return dL/dx (shape of x) and dL/dvInit (shape of the given vInit, summed over the batch
     *         when broadcast; null when vInit was null)
     */
    LifGradients backward(LifSaved saved, INDArray gradSpikes, INDArray gradVFinal);

    /** The single-threaded CPU kernel. */
    static LifKernel cpu() {
        return new CpuLifKernel(false);
    }

    /** The CPU kernel splitting the neurons over the common fork-join pool. */
    static LifKernel cpuParallel() {
        return new CpuLifKernel(true);
    }
}
