package io.snn4j.losses;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * First-spike times of output neurons as an autograd op (time-to-first-spike coding; the seed slides'
 * "Temporal encoding in MNIST classification", snnTorch {@code SpikeTime.FirstSpike}): for spike trains
 * {@code S[T, B, K]} the time {@code t ∈ {1, …, T}} (counted from 1) of the first step with {@code S > 0}
 * (θ-scaled spikes count); a neuron that never fires gets the shadow time {@code T}.
 *
 * <p>The time is not differentiable in the spikes. Backward uses the slides' surrogate {@code dt/dS = −1} at
 * the first spike (at the shadow spike, step T, for a silent neuron) and 0 at every other step: firing there
 * earlier would make the time smaller.
 */
public final class FirstSpikeTime {
    private FirstSpikeTime() {
    }

    /** Times {@code [B, K]} (same data type as the spikes), recorded with the surrogate backward. */
    public static Tensor of(Tensor spikes) {
        int[] tbk = Checks.outputsShape("FirstSpikeTime", spikes);
        int t = tbk[0];
        int b = tbk[1];
        int k = tbk[2];
        double[] s = Checks.toDoubles(spikes.value());
        requireSpikes("FirstSpikeTime", s, t, b, k);
        int[] first = firstIndices(s, t, b, k);
        double[] times = new double[b * k];
        for (int i = 0; i < times.length; i++) {
            times[i] = first[i] + 1;
        }
        DataType dt = spikes.dataType();
        INDArray value = Nd4j.create(times, new long[] {b, k}, DataType.DOUBLE).castTo(dt);
        long[] shape = spikes.shape();
        return Tensor.record("firstSpikeTime", value, g -> {
            double[] go = Checks.toDoubles(g[0]);
            double[] gs = new double[t * b * k];
            for (int i = 0; i < go.length; i++) {
                gs[first[i] * b * k + i] = -go[i];           // dt/dS = −1 at the first (or shadow) spike
            }
            return new INDArray[] {Nd4j.create(gs, shape, DataType.DOUBLE).castTo(dt)};
        }, spikes);
    }

    /** Times {@code [B, K]} of a spike array, without the tape. */
    public static INDArray of(INDArray spikes) {
        return of(Tensor.constant(spikes)).value();
    }

    /**
     * Rejects outputs that cannot be spike trains (negative values): the losses on spikes would otherwise read
     * the logits of a non-spiking head as spikes without complaint.
     */
    static void requireSpikes(String who, double[] s, int t, int b, int k) {
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] >= 0) || Double.isInfinite(s[i])) {
                int step = i / (b * k);
                int j = (i / k) % b;
                throw new IllegalArgumentException(who + ": outputs must be the spike trains [T, B, K] of a spiking output "
                        + "layer (finite, >= 0), got " + s[i] + " at [t=" + step + ", b=" + j + ", k=" + (i % k)
                        + "]; build the model with a spiking output layer (Readout.SPIKES)");
            }
        }
    }

    /** Index (0-based) of the first step with a spike for each (b, k), T − 1 for silent neurons; row-major [B·K]. */
    static int[] firstIndices(double[] s, int t, int b, int k) {
        int[] first = new int[b * k];
        Arrays.fill(first, t - 1);
        boolean[] found = new boolean[b * k];
        for (int step = 0; step < t; step++) {
            int off = step * b * k;
            for (int i = 0; i < b * k; i++) {
                if (!found[i] && s[off + i] > 0) {
                    found[i] = true;
                    first[i] = step;
                }
            }
        }
        return first;
    }
}
