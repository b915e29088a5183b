package io.snn4j.models;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Dropout;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.MaxPool2d;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The DVS-Gesture network of MPE-PSN (Chen et al., Table 1: {@code 5(256C3-MP2)-FC-FC-AP}; docs/spec.md §8), which is
 * SpikingJelly's {@code DVSGestureNet} (Fang et al., PLIF, ICCV 2021) with 256 channels: five blocks of
 * conv3×3 (no bias) + BN + neuron + max pool 2; flatten, dropout 0.5 (one mask for all steps),
 * {@code Linear(C·(S/32)² → 512)} + neuron, dropout 0.5, {@code Linear(512 → 10·K)} + neuron, and a voting
 * layer that averages each group of 10 output neurons ("AP"), so the output {@code [T, B, K]} holds the
 * per-step firing rates of the K groups. Input {@code [T, B, 2, 128, 128]}: 4,520,558 parameters for K = 11.
 * Members {@code features, drop1, fc1, sn1, drop2, fc2, sn2} (the dropouts and the voting have no parameters;
 * the dropout generator is seeded, not checkpointed).
 */
public final class DvsGestureNet extends Module {
    private final int tebnTimeSteps;
    /** Channels of the MPE-PSN configuration (SpikingJelly's default is 128). */
    public static final int MPE_PSN_CHANNELS = 256;
    /** Output neurons per class in the voting layer. */
    public static final int VOTERS = 10;

    private final Sequential features;
    private final Conv2d first;
    private final Dropout drop1;
    private final Linear fc1;
    private final Module sn1;
    private final Dropout drop2;
    private final Linear fc2;
    private final Module sn2;
    private final int numClasses;

    /** 256 channels (the MPE-PSN paper). */
    public DvsGestureNet(ModelOptions o) {
        this(o, MPE_PSN_CHANNELS);
    }

    /**
     * @param channels channels of every convolution; the dropout masks come from a generator seeded with
     *                 {@code o.seed() + 1} (the weights use {@code o.seed()})
     */
    public DvsGestureNet(ModelOptions o, int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException("DvsGestureNet: channels must be > 0, got " + channels);
        }
        if (o.inputSize() < 32) {
            throw new IllegalArgumentException("DvsGestureNet: inputSize must be at least 32 (five 2×2 max pools), got "
                    + o.inputSize());
        }
        tebnTimeSteps = o.tebnTimeSteps();
        DataType type = o.dataType();
        RandomGenerator rng = o.newRandom();
        RandomGenerator dropRng = new SplittableRandom(o.seed() + 1);
        numClasses = o.numClasses();
        features = registerModule("features", new Sequential());
        long size = o.inputSize();
        int in = o.inChannels();
        Conv2d firstConv = null;
        for (int i = 0; i < 5; i++) {
            Conv2d conv = new Conv2d(in, channels, 3, 1, 1, false, type, rng);
            firstConv = firstConv == null ? conv : firstConv;
            features.add(new TimeFolded(conv, Norm.create(o, channels).module()));
            features.add(o.neurons().create(channels, size, size));
            features.add(new TimeFolded(new MaxPool2d(2)));
            size /= 2;
            in = channels;
        }
        first = firstConv;
        drop1 = registerModule("drop1", new Dropout(0.5, true, dropRng));
        fc1 = registerModule("fc1", new Linear(Math.toIntExact(channels * size * size), 512, true, type, rng));
        sn1 = registerModule("sn1", o.neurons().create(512));
        drop2 = registerModule("drop2", new Dropout(0.5, true, dropRng));
        fc2 = registerModule("fc2", new Linear(512, VOTERS * numClasses, true, type, rng));
        sn2 = registerModule("sn2", o.neurons().create(VOTERS * numClasses));
    }

    @Override
    public Tensor forward(Tensor x) {
        ModelChecks.timeFirstImages("DvsGestureNet", x, first, tebnTimeSteps);
        Tensor h = features.forward(x).flatten(2);
        h = sn1.forward(fc1.forward(drop1.forward(h)));
        Tensor s = sn2.forward(fc2.forward(drop2.forward(h)));          // [T, B, 10·K]
        long t = s.size(0);
        long b = s.size(1);
        return s.reshape(t, b, numClasses, VOTERS).mean(false, 3);     // voting: [T, B, K]
    }
}
