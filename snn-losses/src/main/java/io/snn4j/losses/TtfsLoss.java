package io.snn4j.losses;

import io.snn4j.core.autograd.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Time-to-first-spike loss (the seed slides' TTFS objective; snnTorch {@code ce_temporal_loss}):
 * {@code L = CE(f(t(S)), y)} where {@code t(S)} are the output neurons' {@link FirstSpikeTime first-spike times}
 * (surrogate {@code dt/dS = −1} at the first spike) and f a monotonically decreasing {@link TimeToLogit} map
 * ({@code −t} or {@code 1/t}); CE averaged over the batch, optional label smoothing. The correct class is
 * pushed to fire first. {@code outputs} are the output neurons' spike trains {@code S[T, B, K]} (a spiking
 * output layer with {@code Readout.SPIKES}). Prediction: the class that fires first (ties, including
 * all-silent rows, to the lower index).
 */
public final class TtfsLoss implements SpikingLoss {
    private final TimeToLogit map;
    private final TetLoss crossEntropy;

    /** {@code −t}, no label smoothing. */
    public TtfsLoss() {
        this(TimeToLogit.NEGATE, 0.0);
    }

    public TtfsLoss(TimeToLogit map, double epsilon) {
        if (map == null) {
            throw new IllegalArgumentException("TtfsLoss: time-to-logit map must not be null");
        }
        this.map = map;
        this.crossEntropy = new TetLoss(epsilon);
    }

    public TimeToLogit map() {
        return map;
    }

    public double epsilon() {
        return crossEntropy.epsilon();
    }

    /** The logits {@code f(t(S))} {@code [B, K]} of spike trains {@code [T, B, K]}, on the tape. */
    public Tensor logits(Tensor spikes) {
        return map.apply(FirstSpikeTime.of(spikes));
    }

    @Override
    public Tensor loss(Tensor outputs, int[] labels) {
        int[] tbk = Checks.outputsShape(getClass().getSimpleName(), outputs);
        Checks.labels(getClass().getSimpleName(), labels, tbk);
        Tensor z = logits(outputs);
        return crossEntropy.loss(z.reshape(1, tbk[1], tbk[2]), labels);   // one "step": CE(z, y)
    }

    /** The class whose output neuron fires first. */
    @Override
    public int[] predict(INDArray outputs) {
        int[] tbk = Checks.outputsShape(getClass().getSimpleName(), outputs);
        INDArray z = logits(Tensor.constant(outputs)).value();
        return crossEntropy.predict(z.reshape(1, tbk[1], tbk[2]));
    }

    @Override
    public String name() {
        return map == TimeToLogit.NEGATE ? "ttfs" : "ttfs-reciprocal";
    }

    @Override
    public String toString() {
        return "TtfsLoss(" + map + ", epsilon=" + epsilon() + ")";
    }
}
