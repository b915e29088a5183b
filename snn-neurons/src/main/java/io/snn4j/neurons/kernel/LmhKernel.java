package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LmhConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fused multi-step LM-H neuron (Hao et al., ICLR 2024; docs/spec.md §4): dendrite vD and soma vS, one
 * forward and one exact-BPTT backward pass over a time-major block {@code [T, N]}; the soft reset
 * uses the output o with its gradient stopped.
 */
public interface LmhKernel {

    /** Whether this kernel computes arrays of {@code type}; the layer runs its unfused reference path otherwise. */
    boolean supports(DataType type);

    /**
     * @param x            input, shape {@code [T, ...]}
     * @param vD0          initial dendrite potential: null for 0, or length M dividing N
     *                     (neuron n uses {@code vD0[n % M]}), e.g. the previous call's final state
     * @param vS0          initial soma potential: null for θ/2, or length M dividing N
     * @param keepMembrane also return mS for debugging/conformance
     */
    LmhForward forward(LmhConfig config, LmhParams params, INDArray x, INDArray vD0, INDArray vS0,
                       boolean keepMembrane);

    /**
     * @param gradO        dL/do (o is the θ-scaled spike), length T·N
     * @param gradVDFinal  dL/dvD[T−1] (length N) or null
     * @param gradVSFinal  dL/dvS[T−1] (length N) or null
     */
    LmhGradients backward(LmhSaved saved, INDArray gradO, INDArray gradVDFinal, INDArray gradVSFinal);

    /** The CPU kernel: FLOAT arrays only (x must not change before backward); DOUBLE runs {@link io.snn4j.neurons.reference.ReferenceLmh}. */
    static LmhKernel cpu() {
        return new CpuLmhKernel(HeavisideSpike::new);
    }
}
