package io.snn4j.models;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Flatten;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * VGGSNN of TET (Deng et al., ICLR 2022, §5; docs/spec.md §8): conv3×3 (bias) + BN + neuron blocks
 * 64, 128, AP2, 256, 256, AP2, 512, 512, AP2, 512, 512, AP2, then a per-step
 * {@code Linear(512·s² → K)}. Input {@code [T, B, C, S, S]} (2×48×48 for DVS data: 9,271,498
 * parameters for K = 10), output {@code [T, B, K]}. No dropout.
 *
 * <p>{@link Downsampling#STRIDED_CONV} is the TET script's variant without pools ({@code VGGSNNwoAP}): the
 * convolution before each AP2 has stride 2 instead (64, 128/2, 256, 256/2, 512, 512/2, 512, 512/2); same
 * parameter count, s = S/16 for S divisible by 16.
 */
public final class VggSnn extends Module {
    private final int tebnTimeSteps;
    private static final int[] LAYOUT = {64, 128, -1, 256, 256, -1, 512, 512, -1, 512, 512, -1};

    /** How the feature maps are halved four times. */
    public enum Downsampling {
        /** 2×2 average pools after the 2nd, 4th, 6th and 8th convolution (the paper's VGGSNN). */
        AVG_POOL,
        /** Those four convolutions have stride 2 and there are no pools (TET's {@code VGGSNNwoAP}). */
        STRIDED_CONV
    }

    private final Sequential features;
    private final Conv2d first;
    private final Module classifier;
    private final Downsampling downsampling;

    /** The paper's VGGSNN (average pools). */
    public VggSnn(ModelOptions o) {
        this(o, Downsampling.AVG_POOL);
    }

    public VggSnn(ModelOptions o, Downsampling downsampling) {
        if (o.inputSize() < 16) {
            throw new IllegalArgumentException("VGGSNN: inputSize must be at least 16 (four 2×2 downsamplings), got "
                    + o.inputSize());
        }
        if (downsampling == null) {
            throw new IllegalArgumentException("VGGSNN: downsampling must not be null");
        }
        this.downsampling = downsampling;
        tebnTimeSteps = o.tebnTimeSteps();
        DataType type = o.dataType();
        RandomGenerator rng = o.newRandom();
        features = new Sequential();
        long size = o.inputSize();
        int in = o.inChannels();
        Conv2d firstConv = null;
        for (int i = 0; i < LAYOUT.length; i++) {
            int c = LAYOUT[i];
            if (c < 0) {
                if (downsampling == Downsampling.AVG_POOL) {
                    features.add(new TimeFolded(new AvgPool2d(2)));
                    size /= 2;   // floor, as PyTorch's pooling
                }
                continue;
            }
            boolean strided = downsampling == Downsampling.STRIDED_CONV && i + 1 < LAYOUT.length && LAYOUT[i + 1] < 0;
            int stride = strided ? 2 : 1;
            Conv2d conv = new Conv2d(in, c, 3, stride, 1, true, type, rng);
            if (firstConv == null) {
                firstConv = conv;
            }
            size = TimeFold.convOut(size, 3, stride, 1);
            features.add(new TimeFolded(conv, Norm.create(o, c).module()));
            features.add(o.neurons().create(c, size, size));
            in = c;
        }
        first = firstConv;
        registerModule("features", features);
        registerModule("flatten", new Flatten(2));
        classifier = registerModule("classifier", o.head(Math.toIntExact(in * size * size), rng));
    }

    public Downsampling downsampling() {
        return downsampling;
    }

    @Override
    public Tensor forward(Tensor x) {
        ModelChecks.timeFirstImages("VGGSNN", x, first, tebnTimeSteps);
        return classifier.forward(features.forward(x).flatten(2));
    }
}
