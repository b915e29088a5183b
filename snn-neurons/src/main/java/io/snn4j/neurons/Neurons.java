package io.snn4j.neurons;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.snn4j.core.rng.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;

/** Ready-made {@link NeuronFactory}s for the models. */
public final class Neurons {
    private Neurons() {
    }

    /** LIF layers without learnable state (shape-independent). */
    public static NeuronFactory lif(LifConfig config) {
        return shape -> new LifNeuron(config);
    }

    /**
     * LIF layers each with a learnable v0 of the per-sample shape (IMP); the draws of all layers come
     * from one generator seeded with {@code seed}, in construction order.
     */
    public static NeuronFactory lifWithV0(LifConfig config, V0Init init, DataType type, long seed) {
        RandomGenerator rng = new SplittableRandom(seed);
        return shape -> LifNeuron.withLearnableV0(config, shape, init, type, rng);
    }

    /** LM-H layers (four learnable scalars each). */
    public static NeuronFactory lmh(LmhConfig config, DataType type) {
        return shape -> new LmhNeuron(config, type);
    }

    /**
     * MPE-PSN layers for sequences of {@code timeSteps}, Bernoulli draws from one seeded, checkpointable
     * generator ({@link SplitMix64}: a trainer saves its state, so a resumed run draws what an uninterrupted one would).
     */
    public static NeuronFactory mpePsn(MpePsnConfig config, int timeSteps, DataType type, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        return shape -> new MpePsnNeuron(config, timeSteps, MpePsnNeuron.MaskSource.random(rng), type);
    }
}
