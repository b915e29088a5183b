package io.snn4j.neurons.kernel;

import io.snn4j.neurons.MpePsnConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * Fused MPE-PSN neuron (Chen et al., membrane potential estimation parallel spiking neuron;
 * docs/spec.md §5): all T steps at once with no sequential state, the estimated potential
 * {@code hhat[t] = τ·(1 − B[t−1])·x[t−1] + x[t]} and the membrane loss
 * {@code mean(coef[t]·(vhat − v)²)}; one forward and one backward pass over {@code [T, N]}.
 */
public interface MpePsnKernel {

    /** Whether this kernel computes arrays of {@code type}; the layer runs its unfused reference path otherwise. */
    boolean supports(DataType type);

    /**
     * @param x            input, shape {@code [T, ...]}
     * @param mask         Bernoulli draws B (0/1), same shape as x (see {@link #bernoulliMask})
     * @param threshold    the learnable θ
     * @param coef         the learnable per-step coefficients, length T
     * @param keepMembrane also return hhat for debugging/conformance
     */
    MpePsnForward forward(MpePsnConfig config, INDArray x, INDArray mask, double threshold,
                          INDArray coef, boolean keepMembrane);

    /**
     * @param gradSpikes  dL/ds, length T·N
     * @param gradMemLoss dL/dmemLoss (0 when the term is unused)
     */
    MpePsnGradients backward(MpePsnSaved saved, INDArray gradSpikes, double gradMemLoss);

    /** The CPU kernel: FLOAT arrays only (x and mask must not change before backward); DOUBLE runs {@link io.snn4j.neurons.reference.ReferenceMpePsn}. */
    static MpePsnKernel cpu() {
        return new CpuMpePsnKernel(HeavisideSpike::new);
    }

    /**
     * Draws the mask B ~ Bernoulli(σ(x)) element by element in c order from the injected
     * generator (reproducible for a seeded generator); same shape and data type as x.
     */
    static INDArray bernoulliMask(INDArray x, RandomGenerator rng) {
        return CpuMpePsnKernel.bernoulliMask(x, rng);
    }
}
