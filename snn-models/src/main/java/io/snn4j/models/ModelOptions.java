package io.snn4j.models;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.neurons.NeuronFactory;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What every model needs besides its layout: input channels, classes, input size (H = W), the
 * spiking layer to use, the data type, the seed of the weight initialisation and the normalisation
 * after each convolution: BatchNorm over T·B (tdBN, {@code tebnTimeSteps = 0}, the default) or TEBN
 * (Duan et al., NeurIPS 2022; docs/spec.md §7) with {@code tebnTimeSteps = T} learnable per-step scales, in
 * which case the model only accepts sequences of exactly T steps; and the head: non-spiking per-step logits
 * ({@code spikingOutput} null, the default) or a {@link SpikingOutput} layer whose spikes or membrane
 * potentials are the model's output (for the rate, membrane and time-to-first-spike losses).
 */
public record ModelOptions(int inChannels, int numClasses, int inputSize, NeuronFactory neurons, DataType dataType,
                           long seed, int tebnTimeSteps, SpikingOutput.Spec spikingOutput) {
    public ModelOptions {
        if (inChannels <= 0) {
            throw new IllegalArgumentException("inChannels must be > 0, got " + inChannels);
        }
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be > 0, got " + numClasses);
        }
        if (inputSize <= 0) {
            throw new IllegalArgumentException("inputSize must be > 0, got " + inputSize);
        }
        Objects.requireNonNull(neurons, "neurons");
        Objects.requireNonNull(dataType, "dataType");
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, got " + dataType);
        }
        if (tebnTimeSteps < 0) {
            throw new IllegalArgumentException("tebnTimeSteps must be >= 0 (0 = plain BatchNorm), got " + tebnTimeSteps);
        }
    }

    /** Plain BatchNorm (no TEBN). */
    public ModelOptions(int inChannels, int numClasses, int inputSize, NeuronFactory neurons, DataType dataType,
                        long seed) {
        this(inChannels, numClasses, inputSize, neurons, dataType, seed, 0, null);
    }

    /**
     * The model's last layer from {@code in} features to the classes: a per-step {@code Linear} (logits) or, with
     * {@link #spikingOutput()}, a {@link SpikingOutput}.
     */
    Module head(int in, RandomGenerator rng) {
        return spikingOutput == null ? new Linear(in, numClasses, true, dataType, rng)
                : new SpikingOutput(in, numClasses, spikingOutput, dataType, rng);
    }

    /** Whether the convolutions are followed by TEBN instead of plain BatchNorm. */
    public boolean tebn() {
        return tebnTimeSteps > 0;
    }

    /** The same options with another spiking layer (e.g. QCFS activations for the ANN twin of a model). */
    public ModelOptions withNeurons(NeuronFactory other) {
        return new ModelOptions(inChannels, numClasses, inputSize, other, dataType, seed, tebnTimeSteps, spikingOutput);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder().inChannels(inChannels).numClasses(numClasses).inputSize(inputSize).neurons(neurons)
                .dataType(dataType).seed(seed).tebn(tebnTimeSteps).spikingOutput(spikingOutput);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh generator for the weight initialisation (same seed, same weights). */
    public RandomGenerator newRandom() {
        return new SplittableRandom(seed);
    }

    /** Builder with defaults FLOAT and seed 0; channels, classes, input size and neurons are required. */
    public static final class Builder {
        private int inChannels;
        private int numClasses;
        private int inputSize;
        private NeuronFactory neurons;
        private DataType dataType = DataType.FLOAT;
        private long seed;
        private int tebnTimeSteps;
        private SpikingOutput.Spec spikingOutput;

        public Builder inChannels(int v) {
            inChannels = v;
            return this;
        }

        public Builder numClasses(int v) {
            numClasses = v;
            return this;
        }

        public Builder inputSize(int v) {
            inputSize = v;
            return this;
        }

        public Builder neurons(NeuronFactory v) {
            neurons = v;
            return this;
        }

        public Builder dataType(DataType v) {
            dataType = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** TEBN with {@code timeSteps} per-step scales after every convolution (0: plain BatchNorm). */
        public Builder tebn(int timeSteps) {
            tebnTimeSteps = timeSteps;
            return this;
        }

        /** A spiking output layer instead of the non-spiking logits head (null: logits). */
        public Builder spikingOutput(SpikingOutput.Spec v) {
            spikingOutput = v;
            return this;
        }

        public ModelOptions build() {
            return new ModelOptions(inChannels, numClasses, inputSize, neurons, dataType, seed, tebnTimeSteps,
                    spikingOutput);
        }
    }
}
