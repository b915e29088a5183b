package io.snn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rate-coded cross-entropy on the spike counts of the output layer, {@code L = CE(Σ_t S[t], y)}: softmax over
 * the counts (the seed slides' rate objective; snnTorch {@code ce_count_loss}). {@code outputs} are the output
 * neurons' spike trains {@code S[T, B, K]} (a spiking output layer, e.g. {@code SpikingOutput} with
 * {@code Readout.SPIKES}); its gradient reaches the network through the output neurons' surrogate.
 * Predicts the class with the most spikes (ties to the lower index). CE is averaged over the batch.
 */
public final class RateCrossEntropyLoss extends CrossEntropyLoss {

    public RateCrossEntropyLoss() {
        this(0.0);
    }

    /** With label smoothing ε in [0, 1). */
    public RateCrossEntropyLoss(double epsilon) {
        super(epsilon);
    }

    @Override
    double evaluate(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale) {
        FirstSpikeTime.requireSpikes(getClass().getSimpleName(), o, t, b, k);
        return aggregateCrossEntropy(o, t, b, k, labels, grad, scale, 1);
    }

    /** The class with the most output spikes. */
    @Override
    public int[] predict(INDArray outputs) {
        return argmaxOfTimeMean(getClass().getSimpleName(), outputs);
    }

    @Override
    public String name() {
        return "rate-ce";
    }
}
