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

    /** PLIF layers (Fang et al. 2021), each with its own learnable w, in {@code type}. */
    public static NeuronFactory plif(Plif.Config config, DataType type) {
        return shape -> new NeuronLayer<>(new Plif(config, type));
    }

    /** snnTorch {@code Leaky} layers (subtractive reset after the decay; β learnable per layer when configured). */
    public static NeuronFactory leaky(Leaky.Config config, DataType type) {
        return shape -> new NeuronLayer<>(new Leaky(config, type));
    }

    /** Multi-strength spiking layers (Chen et al. 2018): integer spike strengths. */
    public static NeuronFactory multiStrength(MultiStrength.Config config) {
        return shape -> new NeuronLayer<>(new MultiStrength(config));
    }

    /**
     * Layers of any {@link ChargeFireReset} definition: {@code definitions} makes a fresh one per
     * layer (a definition with learnable parameters belongs to one layer).
     */
    public static NeuronFactory of(java.util.function.Supplier<? extends ChargeFireReset> definitions) {
        return shape -> new NeuronLayer<>(definitions.get());
    }

    /** The names {@link #named} accepts (the CLI's {@code --neuron}). */
    public static final java.util.List<String> NAMES =
            java.util.List.of("lif", "lif-v0", "lmh", "mpe-psn", "plif", "leaky", "multi-strength");

    /**
     * The factory for a neuron name with the papers' default hyperparameters: {@code lif} (TET),
     * {@code lif-v0} (TET with a learnable v0, IMP uniform(0.4, 0.6)), {@code lmh},
     * {@code mpe-psn} (needs {@code timeSteps}), {@code plif} (SpikingJelly defaults), {@code leaky}
     * (snnTorch defaults, β = 0.9 learnable), {@code multi-strength} (τ = 1).
     *
     * @param seed seeds the random draws (v0, MPE-PSN's masks)
     */
    public static NeuronFactory named(String name, int timeSteps, DataType type, long seed) {
        return switch (name) {
            case "lif" -> lif(LifConfig.tet());
            case "lif-v0" -> lifWithV0(LifConfig.tet(), V0Init.standard(), type, seed);
            case "lmh" -> lmh(LmhConfig.standard(), type);
            case "mpe-psn" -> mpePsn(MpePsnConfig.standard(), timeSteps, type, seed);
            case "plif" -> plif(Plif.Config.standard(), type);
            case "leaky" -> leaky(Leaky.Config.snnTorch(0.9).withLearnBeta(true), type);
            case "multi-strength" -> multiStrength(MultiStrength.Config.standard());
            default -> throw new IllegalArgumentException("unknown neuron '" + name + "', expected one of " + NAMES);
        };
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
