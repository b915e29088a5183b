package io.snn4j.bench.cli;

import java.util.Locale;

import io.snn4j.core.nn.Module;
import io.snn4j.models.ConnectFunction;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.Models;
import io.snn4j.models.SpikingOutput;
import io.snn4j.neurons.Leaky;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.MultiStrength;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.Plif;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.V0Init;
import io.snn4j.neurons.surrogate.ArctanSurrogate;
import io.snn4j.neurons.surrogate.RectangleSurrogate;
import io.snn4j.neurons.surrogate.SigmoidSurrogate;
import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Option;

/**
 * The model options shared by {@code train} and {@code eval}: architecture, neuron and its preset,
 * surrogate, initial membrane potential v0, T and seed. {@link #check(CliCommand)} rejects options that do
 * not apply to the chosen neuron; {@link #neurons(int)} and {@link #build} turn them into library objects.
 */
final class ModelArgs {
    /** The spiking neurons of snn-neurons. */
    enum NeuronKind {
        LIF, LMH, MPE_PSN,
        /** {@link Plif.Config#standard()}: PLIF (Fang et al. 2021), learnable τ, SpikingJelly defaults. */
        PLIF,
        /** {@link Leaky.Config#snnTorch(double)} with β = 0.9, learnable β: snnTorch's {@code Leaky}. */
        LEAKY,
        /** {@link MultiStrength.Config#standard()}: integer spike strengths (Chen et al. 2018); no surrogate. */
        MULTI_STRENGTH
    }

    /** The LIF presets of {@link LifConfig}. */
    enum LifPreset {
        /** {@link LifConfig#tet()}: decay 0.5, hard reset, triangle. */
        TET,
        /** {@link LifConfig#impLegacy()}: decay 0.25, hard reset, triangle. */
        IMP,
        /** {@link LifConfig#spikingJelly(double)} with {@code --tau}: decay 1 − 1/τ, gain 1/τ, sigmoid. */
        SPIKINGJELLY,
        /** {@link LifConfig#integrateAndFire()}: decay 1, sigmoid. */
        IF
    }

    /** The surrogate gradients of snn-neurons. */
    enum SurrogateKind {
        TRIANGLE, ATAN, RECTANGLE, SIGMOID
    }

    @Option(names = "--model", defaultValue = "small", paramLabel = "NAME|SPEC",
            description = "vggsnn, vggsnn-stride2, resnet19, sew-resnet18, sew-resnet34, sew-resnet50, snn5, small, "
                    + "dvs-gesture-net, or a ConvSnn spec such as 16C3-AP2-32C3-AP2-FC (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--connect", defaultValue = "add", paramLabel = "add|and|iand",
            description = "SEW-ResNet connect function (sew-* only; default: ${DEFAULT-VALUE})")
    ConnectFunction connect;

    @Option(names = "--tebn", description = "TEBN (a learnable scale per time step) after every convolution instead "
            + "of plain BatchNorm; the model then takes only T-step input (default: off)")
    boolean tebn;

    @Option(names = "--neuron", defaultValue = "lif", paramLabel = "lif|lmh|mpe-psn|plif|leaky|multi-strength",
            description = "spiking neuron (default: ${DEFAULT-VALUE})")
    NeuronKind neuron;

    @Option(names = "--preset", defaultValue = "tet", paramLabel = "tet|imp|spikingjelly|if",
            description = "LIF preset (lif only; default: ${DEFAULT-VALUE})")
    LifPreset preset;

    @Option(names = "--tau", paramLabel = "TAU", description = "membrane time constant of --preset spikingjelly (> 1; default 2)")
    Double tau;

    @Option(names = "--reset", paramLabel = "hard|soft", description = "LIF reset (lif only; default: the preset's)")
    ResetMode reset;

    @Option(names = "--surrogate", paramLabel = "triangle|atan|rectangle|sigmoid",
            description = "surrogate gradient (not multi-strength; default: the preset's; triangle for lmh and "
                    + "mpe-psn; the config's for plif (sigmoid) and leaky (atan))")
    SurrogateKind surrogate;

    @Option(names = "--surrogate-param", paramLabel = "X",
            description = "the surrogate's width/sharpness: triangle gamma, atan alpha, rectangle width, sigmoid alpha")
    Double surrogateParam;

    @Option(names = "--threshold", paramLabel = "THETA", description = "firing threshold (plif, leaky only; default 1)")
    Double threshold;

    @Option(names = "--v0", negatable = true, description = "learnable initial membrane potential v0 (IMP; lif only; "
            + "default: off)")
    boolean v0;

    @Option(names = "--v0-init", split = ",", paramLabel = "LO,HI", hideParamSyntax = true,
            description = "v0 initialisation range uniform(LO, HI) (default 0.4,0.6; the 48x48 DVS configs: -0.2,0.2)")
    double[] v0Init;

    @Option(names = "--T", defaultValue = "4", paramLabel = "T", description = "time steps (default: ${DEFAULT-VALUE})")
    int timeSteps;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED",
            description = "seed of initialisation, data order, augmentation (default: ${DEFAULT-VALUE})")
    long seed;

    /** Rejects values and combinations that cannot apply, naming the option. */
    void check(CliCommand c) {
        CliCommand.positive("--T", timeSteps);
        String n = ChoiceConverter.label(neuron);
        if (neuron != NeuronKind.LIF) {
            c.rejectGiven("to --neuron " + n + " (LIF options)", "--preset", "--tau", "--reset", "--v0", "--v0-init");
        }
        if (neuron != NeuronKind.PLIF && neuron != NeuronKind.LEAKY) {
            c.rejectGiven("to --neuron " + n + " (plif, leaky only)", "--threshold");
        }
        if (neuron == NeuronKind.MULTI_STRENGTH) {
            c.rejectGiven("to --neuron multi-strength (it has no surrogate gradient)", "--surrogate");
        }
        if (preset != LifPreset.SPIKINGJELLY) {
            c.rejectGiven("to --preset " + ChoiceConverter.label(preset) + " (spikingjelly only)", "--tau");
        }
        if (!model.toLowerCase(Locale.ROOT).startsWith("sew-")) {
            c.rejectGiven("to --model " + model + " (sew-* only)", "--connect");
        }
        if (surrogate == null) {
            c.rejectGiven("without --surrogate", "--surrogate-param");
        }
        if (!v0) {
            c.rejectGiven("without --v0", "--v0-init");
        }
        if (v0Init != null && v0Init.length != 2) {
            throw new UsageException("--v0-init needs two numbers LO,HI, got " + v0Init.length);
        }
        try {
            neurons(timeSteps);
        } catch (IllegalArgumentException e) {
            throw new UsageException("neuron options: " + e.getMessage(), e);
        }
    }

    /**
     * Rejects a loss that needs a spiking output layer ({@code head} non-null) on a model whose last layer is its
     * own (dvs-gesture-net ends in voting over spiking neurons and ignores {@link ModelOptions#spikingOutput()}).
     */
    void checkHead(SpikingOutput.Spec head, String loss) {
        if (head != null && model.equalsIgnoreCase("dvs-gesture-net")) {
            throw new UsageException("--loss " + loss + " needs a spiking output layer, which --model " + model
                    + " does not take (it ends in its own voting layer); use a logits loss (tet, tet-s, sdt, lts)");
        }
    }

    /** The neuron layers for sequences of {@code steps} time steps (MPE-PSN layers are built for a fixed T). */
    NeuronFactory neurons(int steps) {
        return switch (neuron) {
            case LIF -> {
                LifConfig c = lifConfig();
                if (!v0) {
                    yield Neurons.lif(c);
                }
                V0Init init = v0Init == null ? V0Init.standard() : V0Init.uniform(v0Init[0], v0Init[1]);
                yield Neurons.lifWithV0(c, init, DataType.FLOAT, seed);
            }
            case LMH -> Neurons.lmh(surrogate == null ? LmhConfig.standard()
                    : LmhConfig.standard().withSurrogate(surrogate()), DataType.FLOAT);
            case MPE_PSN -> Neurons.mpePsn(surrogate == null ? MpePsnConfig.standard()
                    : MpePsnConfig.standard().withSurrogate(surrogate()), steps, DataType.FLOAT, seed);
            case PLIF -> {
                Plif.Config c = Plif.Config.standard();
                c = surrogate == null ? c : c.withSurrogate(surrogate());
                yield Neurons.plif(threshold == null ? c : c.withThreshold(threshold), DataType.FLOAT);
            }
            case LEAKY -> {
                Leaky.Config c = Leaky.Config.snnTorch(0.9).withLearnBeta(true);
                c = surrogate == null ? c : c.withSurrogate(surrogate());
                yield Neurons.leaky(threshold == null ? c : c.withThreshold(threshold), DataType.FLOAT);
            }
            case MULTI_STRENGTH -> Neurons.multiStrength(MultiStrength.Config.standard());
        };
    }

    private LifConfig lifConfig() {
        LifConfig base = switch (preset) {
            case TET -> LifConfig.tet();
            case IMP -> LifConfig.impLegacy();
            case SPIKINGJELLY -> LifConfig.spikingJelly(tau == null ? 2.0 : tau);
            case IF -> LifConfig.integrateAndFire();
        };
        LifConfig.Builder b = base.toBuilder();
        if (reset != null) {
            b.resetMode(reset);
        }
        if (surrogate != null) {
            b.surrogate(surrogate());
        }
        return b.build();
    }

    private Surrogate surrogate() {
        return switch (surrogate) {
            case TRIANGLE -> surrogateParam == null ? TriangleSurrogate.standard() : new TriangleSurrogate(surrogateParam);
            case ATAN -> surrogateParam == null ? ArctanSurrogate.standard() : new ArctanSurrogate(surrogateParam);
            case RECTANGLE -> surrogateParam == null ? RectangleSurrogate.standard() : new RectangleSurrogate(surrogateParam);
            case SIGMOID -> surrogateParam == null ? SigmoidSurrogate.standard() : new SigmoidSurrogate(surrogateParam);
        };
    }

    /**
     * The model for inputs of {@code channels} x {@code size} x {@code size} and {@code classes} classes, its
     * neurons (and TEBN) built for {@code steps} time steps: a name of {@link Models#NAMES} or a {@link ConvSnn}
     * spec; {@code head} is the spiking output layer the loss needs, or null for the logits head.
     */
    Module build(int channels, int classes, int size, int steps, SpikingOutput.Spec head) {
        ModelOptions.Builder b = ModelOptions.builder().inChannels(channels).numClasses(classes).inputSize(size)
                .neurons(neurons(steps)).seed(seed).spikingOutput(head);
        if (tebn) {
            b.tebn(steps);
        }
        ModelOptions o = b.build();
        String name = model.toLowerCase(Locale.ROOT);
        try {
            return Models.NAMES.contains(name) ? Models.create(name, o, ChoiceConverter.label(connect))
                    : new ConvSnn(model, o);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model " + model + ": " + e.getMessage() + " (names: "
                    + String.join(", ", Models.NAMES) + ", or a ConvSnn spec such as " + ConvSnn.SMALL + ")", e);
        }
    }
}
