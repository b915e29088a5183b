package io.snn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Membrane-potential cross-entropy summed over time, {@code L = Σ_t CE(U[t], y)} with
 * {@code p_i[t] = softmax(U[t])_i} (the seed slides' eq. 8–9, the snnTorch tutorials' loss; CE averaged over
 * the batch, summed — not averaged — over the T steps). {@code outputs} are the output neurons' membrane
 * potentials {@code U[T, B, K]} before their reset (a spiking output layer with {@code Readout.MEMBRANE}). It
 * pushes the correct class's membrane up and the others' down at every step. Predicts the argmax of the
 * time-summed membrane (ties to the lower index).
 */
public final class MembraneCrossEntropyLoss extends CrossEntropyLoss {

    public MembraneCrossEntropyLoss() {
        this(0.0);
    }

    /** With label smoothing ε in [0, 1). */
    public MembraneCrossEntropyLoss(double epsilon) {
        super(epsilon);
    }

    @Override
    double evaluate(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale) {
        return perStepCrossEntropy(o, t, b, k, labels, grad, scale, b);
    }

    @Override
    public int[] predict(INDArray outputs) {
        return argmaxOfTimeMean(getClass().getSimpleName(), outputs);
    }

    @Override
    public String name() {
        return "membrane-ce";
    }
}
