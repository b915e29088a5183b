package io.snn4j.models;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.CarriedState;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.NeuronLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A spiking output layer (the seed slides' output neurons on the last layer, snnTorch style): a per-step
 * {@code Linear(in → K)} followed by K LIF output neurons, so the network ends in spikes instead of
 * non-spiking logits. It records both the spike trains {@code S[T, B, K]} and the membrane potentials
 * {@code U[T, B, K]} before reset ({@code U[t] = h[t] = decay·v[t−1] + gain·x[t]}, docs/spec.md §2, what snnTorch's
 * {@code mem} holds); {@link Readout} says which one {@link #forward} returns for the loss (spikes for
 * rate-coded and time-to-first-spike losses, membrane for the membrane cross-entropy), the other stays
 * available from {@link #lastSpikes()}/{@link #lastMembrane()}. Members {@code fc.weight}, {@code fc.bias}
 * and {@code sn} (the neuron, no parameters).
 *
 * <p>The neuron runs on its generic path ({@link NeuronLayer#trace}: K neurons, so this costs little) so that
 * each step's membrane is on the tape; gradients flow through the neuron's surrogate and reset as in
 * the fused kernel.
 */
public final class SpikingOutput extends Module {
    /** What {@link #forward} returns. */
    public enum Readout {
        /** The output spike trains {@code S[T, B, K]}. */
        SPIKES,
        /** The output membrane potentials before reset {@code U[T, B, K]}. */
        MEMBRANE
    }

    /** The option a model takes ({@link ModelOptions.Builder#spikingOutput}): the output neurons and the readout. */
    public record Spec(LifConfig neuron, Readout readout) {
        public Spec {
            if (neuron == null || readout == null) {
                throw new IllegalArgumentException("SpikingOutput.Spec: neuron config and readout must not be null");
            }
        }
    }

    private final Linear fc;
    private final LifNeuron sn;
    private final Readout readout;
    private Tensor lastSpikes;
    private Tensor lastMembrane;
    private final CarriedState<Tensor> carried = registerCarriedState(Tensor::shape, Tensor::detachCopy);

    public SpikingOutput(int inFeatures, int numClasses, Spec spec, DataType type, RandomGenerator rng) {
        if (spec == null) {
            throw new IllegalArgumentException("SpikingOutput: spec must not be null");
        }
        this.fc = registerModule("fc", new Linear(inFeatures, numClasses, true, type, rng));
        this.sn = registerModule("sn", new LifNeuron(spec.neuron()));
        this.readout = spec.readout();
    }

    public Readout readout() {
        return readout;
    }

    /** Spike trains {@code [T, B, K]} of the last forward (on the tape while training), or null. */
    public Tensor lastSpikes() {
        return lastSpikes;
    }

    /** Membrane potentials before reset {@code [T, B, K]} of the last forward, or null. */
    public Tensor lastMembrane() {
        return lastMembrane;
    }

    /** {@code [T, B, in]} → {@code [T, B, K]}: spikes or membrane, as the readout says. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("SpikingOutput: expected time-first features [T, B, in] but got "
                    + Arrays.toString(x.shape()));
        }
        Tensor current = fc.forward(x);
        Tensor state = carried.start(new long[] {current.size(1), current.size(2)});
        // the neuron's own generic path, which also returns the membrane h[t] before reset of every step
        NeuronLayer.Output o = sn.trace(current, state);
        carried.end(o.state());
        lastSpikes = o.spikes();
        lastMembrane = o.membrane();
        return readout == Readout.SPIKES ? lastSpikes : lastMembrane;
    }

    @Override
    public String toString() {
        return "SpikingOutput(" + fc + ", " + sn.config() + ", readout " + readout + ")";
    }
}
