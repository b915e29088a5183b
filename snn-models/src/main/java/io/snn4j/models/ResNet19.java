package io.snn4j.models;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Pooling;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Sequential;
import io.snn4j.neurons.NeuronFactory;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ResNet-19 of tdBN/TET (Zheng et al. AAAI 2021; Deng et al. ICLR 2022; docs/spec.md §8): stem conv3×3 → 64
 * (no bias) + BN + neuron; stages of {@link Block}s 128×3 (stride 1), 256×3 (stride 2), 512×2
 * (stride 2); global average pool, {@code Linear(512 → 256)} + neuron, {@code Linear(256 → K)}.
 * Input {@code [T, B, C, S, S]}, output {@code [T, B, K]} (BN or, with {@link ModelOptions#tebn()}, TEBN); 12,630,858 parameters for 3×32×32, K = 10.
 */
public final class ResNet19 extends Module {
    private final int tebnTimeSteps;
    private final Conv2d conv1;
    private final Module bn1;
    private final Module sn1;
    private final Sequential[] stages;
    private final Linear fc1;
    private final Module sn2;
    private final Module fc2;

    /**
     * Basic block {@code SN(BN(conv3×3(SN(BN(conv3×3(x))))) + shortcut(x))}; the shortcut is a 1×1
     * conv + BN where the shape changes. Members {@code conv1, bn1, sn1, conv2, bn2, shortcut, sn2}.
     */
    public static final class Block extends Module {
        private final Conv2d conv1;
        private final Module bn1;
        private final Module sn1;
        private final Conv2d conv2;
        private final Module bn2;
        private final Sequential shortcut;
        private final Module sn2;

        public Block(int in, int out, int stride, long inSize, NeuronFactory neurons, DataType type, RandomGenerator rng) {
            this(in, out, stride, inSize, ModelOptions.builder().inChannels(in).numClasses(1).inputSize(1).neurons(neurons)
                    .dataType(type).build(), rng);
        }

        /** A block whose neurons, data type and normalisation (BN or TEBN) come from {@code o}. */
        public Block(int in, int out, int stride, long inSize, ModelOptions o, RandomGenerator rng) {
            DataType type = o.dataType();
            NeuronFactory neurons = o.neurons();
            long outSize = TimeFold.convOut(inSize, 3, stride, 1);
            conv1 = registerModule("conv1", new Conv2d(in, out, 3, stride, 1, false, type, rng));
            bn1 = registerModule("bn1", Norm.create(o, out).module());
            sn1 = registerModule("sn1", neurons.create(out, outSize, outSize));
            conv2 = registerModule("conv2", new Conv2d(out, out, 3, 1, 1, false, type, rng));
            bn2 = registerModule("bn2", Norm.create(o, out).module());
            shortcut = (stride != 1 || in != out) ? registerModule("shortcut",
                    new Sequential(new Conv2d(in, out, 1, stride, 0, false, type, rng), Norm.create(o, out).module())) : null;
            sn2 = registerModule("sn2", neurons.create(out, outSize, outSize));
        }

        @Override
        public Tensor forward(Tensor x) {
            long t = x.size(0);
            Tensor xf = TimeFold.fold(x);
            Tensor h = sn1.forward(TimeFold.unfold(bn1.forward(conv1.forward(xf)), t));
            Tensor y = bn2.forward(conv2.forward(TimeFold.fold(h)));
            Tensor sc = shortcut == null ? xf : shortcut.forward(xf);
            return sn2.forward(TimeFold.unfold(y.add(sc), t));
        }
    }

    public ResNet19(ModelOptions o) {
        tebnTimeSteps = o.tebnTimeSteps();
        DataType type = o.dataType();
        RandomGenerator rng = o.newRandom();
        long size = o.inputSize();
        conv1 = registerModule("conv1", new Conv2d(o.inChannels(), 64, 3, 1, 1, false, type, rng));
        bn1 = registerModule("bn1", Norm.create(o, 64).module());
        sn1 = registerModule("sn1", o.neurons().create(64, size, size));
        int[] widths = {128, 256, 512};
        int[] blocks = {3, 3, 2};
        int[] strides = {1, 2, 2};
        stages = new Sequential[3];
        int in = 64;
        for (int s = 0; s < 3; s++) {
            Sequential stage = new Sequential();
            for (int b = 0; b < blocks[s]; b++) {
                int stride = b == 0 ? strides[s] : 1;
                stage.add(new Block(in, widths[s], stride, size, o, rng));
                size = TimeFold.convOut(size, 3, stride, 1);
                in = widths[s];
            }
            stages[s] = registerModule("layer" + (s + 1), stage);
        }
        fc1 = registerModule("fc1", new Linear(512, 256, true, type, rng));
        sn2 = registerModule("sn2", o.neurons().create(256));
        fc2 = registerModule("fc2", o.head(256, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        ModelChecks.timeFirstImages("ResNet-19", x, conv1, tebnTimeSteps);
        long t = x.size(0);
        Tensor h = sn1.forward(TimeFold.unfold(bn1.forward(conv1.forward(TimeFold.fold(x))), t));
        for (Sequential stage : stages) {
            h = stage.forward(h);
        }
        Tensor pooled = TimeFold.unfold(Pooling.globalAvgPool(TimeFold.fold(h), false), t);  // [T, B, 512]
        return fc2.forward(sn2.forward(fc1.forward(pooled)));
    }
}
