package io.snn4j.models;

import java.util.List;

import io.snn4j.core.nn.Module;
import io.snn4j.neurons.NeuronFactory;

/** The models by name, for CLIs and configuration files. */
public final class Models {
    /** Names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("vggsnn", "vggsnn-stride2", "resnet19", "sew-resnet18",
            "sew-resnet34", "sew-resnet50", "snn5", "small", "dvs-gesture-net");

    private Models() {
    }

    /**
     * Builds a model by name: {@code vggsnn}, {@code vggsnn-stride2} (stride-2 convolutions instead of the
     * pools), {@code resnet19}, {@code sew-resnet18}, {@code sew-resnet34}, {@code sew-resnet50} (bottleneck
     * blocks; {@code connect} = add, and or iand; used by the SEW models only), {@code snn5}, {@code small}
     * (see {@link ConvSnn}) and {@code dvs-gesture-net} (MPE-PSN's DVS-Gesture net, {@link DvsGestureNet}).
     * TEBN instead of BN: {@link ModelOptions#tebn()}.
     */
    public static Module create(String name, ModelOptions o, String connect) {
        return switch (name) {
            case "vggsnn" -> new VggSnn(o);
            case "vggsnn-stride2" -> new VggSnn(o, VggSnn.Downsampling.STRIDED_CONV);
            case "resnet19" -> new ResNet19(o);
            case "sew-resnet18" -> SewResNet.resnet18(o, ConnectFunction.parse(connect));
            case "sew-resnet34" -> SewResNet.resnet34(o, ConnectFunction.parse(connect));
            case "sew-resnet50" -> SewResNet.resnet50(o, ConnectFunction.parse(connect));
            case "snn5" -> new ConvSnn(ConvSnn.SNN5, o);
            case "small" -> new ConvSnn(ConvSnn.SMALL, o);
            case "dvs-gesture-net" -> new DvsGestureNet(o);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; known: " + NAMES);
        };
    }

    /**
     * The QCFS ANN twin of a named model for LM-H hybrid training ({@link QcfsAnn}; input {@code [B, C, H, W]},
     * output {@code [B, K]}); the neuron factory of {@code o} is replaced by QCFS activations. Convert with
     * {@link QcfsAnn#toSnn}. Names as {@link #create}; the SEW models' AND/IAND and max-pool stems and the
     * DVS-Gesture net's max pools do not convert faithfully (use ADD and average-pool models).
     */
    public static QcfsAnn createAnn(String name, ModelOptions o, String connect, QcfsConfig qcfs) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + NAMES);
        }
        return new QcfsAnn(opts -> create(name, opts, connect), o, qcfs);
    }

    /** Trainable parameters of a model built with the given inputs (BN γ/β included, running statistics not). */
    public static long parameterCount(String name, int inChannels, int numClasses, int inputSize, String connect,
                                      NeuronFactory neurons) {
        ModelOptions o = ModelOptions.builder().inChannels(inChannels).numClasses(numClasses).inputSize(inputSize)
                .neurons(neurons).build();
        return create(name, o, connect).parameterCount();
    }
}
