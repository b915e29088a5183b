package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fused multi-step LIF neuron (docs/spec.md §2–3; TET eq. 1–3, IMP learnable v0 of Shen et al.
 * NeurIPS 2024 §3): one forward and one exact-BPTT backward pass over a whole time-major block
 * {@code [T, N]} (element (t, n) at index {@code t·N + n}). The accelerator family of {@link
 * io.snn4j.neurons.Lif}: implementations are offered per backend by a {@link KernelProvider}
 * ({@link #cpu()} on the CPU); a GPU backend implements the same interface in its own provider.
 *
 * <p>Every array of one call must share the data type, one the kernel {@link #supports}.
 *
 * <p>The saved state may reference x (the CPU kernel recomputes the membrane from x in backward
 * instead of storing a {@code [T, N]} buffer): don't modify x in place between a forward and its
 * backward(s). Backward may run several times on one saved state (a retained graph).
 */
public interface LifKernel {

    /** Whether this kernel runs {@code config} on arrays of {@code type} (else: the generic path). */
    boolean supports(LifConfig config, DataType type);

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

    /**
     * As {@link #forward(LifConfig, INDArray, int, INDArray, boolean)}, writing into caller-owned
     * arrays instead of allocating them (a training loop or benchmark can reuse its buffers; a
     * fresh 32 MiB off-heap array costs ~25 ms of page faults on the CPU backend, see
     * docs/benchmarks.md). Output arrays must be dense c-order and unshared (offset 0, not a view,
     * as returned by {@code Nd4j.create}/{@code createUninitialized}), of x's data type, and must
     * not overlap x (backward re-reads x).
     *
     * @param spikes   receives s, length T·N
     * @param membrane receives h before reset (length T·N), or null
     * @param vFinal   receives the last post-reset v (length N), or null to have it allocated
     * @return the given arrays (vFinal allocated when null) and the saved state
     */
    default LifForward forwardInto(LifConfig config, INDArray x, int timeSteps, INDArray vInit,
                                   INDArray spikes, INDArray membrane, INDArray vFinal) {
        LifForward f = forward(config, x, timeSteps, vInit, membrane != null);
        spikes.assign(f.spikes().reshape(spikes.shape()));
        if (membrane != null) {
            membrane.assign(f.membrane().reshape(membrane.shape()));
        }
        INDArray vf = f.vFinal();
        if (vFinal != null) {
            vFinal.assign(vf.reshape(vFinal.shape()));
            vf = vFinal;
        }
        return new LifForward(spikes, membrane, vf, f.saved(), f.spikeCount());
    }

    /**
     * As {@link #forward(LifConfig, INDArray, int, INDArray, boolean)} without the membrane and
     * without the final state ({@link LifForward#vFinal()} is null): what a layer that does not carry
     * its state needs, one [N] array less to allocate and write.
     */
    default LifForward forwardSpikes(LifConfig config, INDArray x, int timeSteps, INDArray vInit) {
        LifForward f = forward(config, x, timeSteps, vInit, false);
        return new LifForward(f.spikes(), null, null, f.saved(), f.spikeCount());
    }

    /**
     * As {@link #backward(LifSaved, INDArray, INDArray)}, writing dL/dx into the caller-owned
     * {@code gradX} (dense c-order, unshared, the forward's data type, length T·N, not overlapping
     * the forward's x). {@code gradX} may be {@code gradSpikes} itself (computed in place).
     *
     * @return {@code gradX} (as given) and dL/dvInit (allocated; null when the forward had no vInit)
     */
    default LifGradients backwardInto(LifSaved saved, INDArray gradSpikes, INDArray gradVFinal,
                                      INDArray gradX) {
        LifGradients g = backward(saved, gradSpikes, gradVFinal);
        gradX.assign(g.gradX().reshape(gradX.shape()));
        return new LifGradients(gradX, g.gradVInit());
    }

    /** The single-threaded CPU kernel (FLOAT). */
    static LifKernel cpu() {
        return new CpuLifKernel(false);
    }

    /**
     * The CPU kernel (FLOAT) splitting the neurons over its own pool of one thread per core when a
     * call holds at least 2^16 elements; what the layers use.
     */
    static LifKernel cpuParallel() {
        return new CpuLifKernel(true);
    }
}
