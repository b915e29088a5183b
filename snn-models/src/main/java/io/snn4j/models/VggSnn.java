package io.snn4j.models;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Flatten;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * VGGSNN of TET (Deng et al., ICLR 2022, §5; SPEC §8): conv3×3 (bias) + BN + neuron blocks
 * 64, 128, AP2, 256, 256, AP2, 512, 512, AP2, 512, 512, AP2, then a per-step
 * {@code Linear(512·⌊S/16⌋² → K)}. Input {@code [T, B, C, S, S]} (2×48×48 for DVS data: 9,271,498
 * parameters for K = 10), output {@code [T, B, K]}. No dropout.
 */
public final class VggSnn extends Module {
    private static final int[] LAYOUT = {64, 128, -1, 256, 256, -1, 512, 512, -1, 512, 512, -1};

    private final Sequential features;
    private final Conv2d first;
    private final Linear classifier;

    public VggSnn(ModelOptions o) {
        if (o.inputSize() < 16) {
            throw new IllegalArgumentException("VGGSNN: inputSize must be at least 16 (four 2×2 pools), got " + o.inputSize());
        }
        DataType type = o.dataType();
        RandomGenerator rng = o.newRandom();
        features = new Sequential();
        long size = o.inputSize();
        int in = o.inChannels();
        Conv2d firstConv = null;
        for (int c : LAYOUT) {
            if (c < 0) {
                features.add(new TimeFolded(new AvgPool2d(2)));
                size /= 2;   // floor, as PyTorch's pooling
            } else {
                Conv2d conv = new Conv2d(in, c, 3, 1, 1, true, type, rng);
                if (firstConv == null) {
                    firstConv = conv;
                }
                features.add(new TimeFolded(conv, new BatchNorm2d(c, type)));
                features.add(o.neurons().create(c, size, size));
                in = c;
            }
        }
        first = firstConv;
        registerModule("features", features);
        registerModule("flatten", new Flatten(2));
        classifier = registerModule("classifier", new Linear((int) (in * size * size), o.numClasses(), true, type, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        ModelChecks.timeFirstImages("VGGSNN", x, first);
        return classifier.forward(features.forward(x).flatten(2));
    }
}
