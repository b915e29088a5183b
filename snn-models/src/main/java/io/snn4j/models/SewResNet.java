package io.snn4j.models;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Pooling;
import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.MaxPool2d;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Sequential;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * SEW-ResNet (Fang et al., NeurIPS 2021; docs/spec.md §8): stem conv7×7/2 + BN + SN + max pool 3/2/1 (avg pool
 * in the IMP variant), four stages of {@link SewBlock}s (or {@link SewBottleneck}s) with widths 64/128/256/512
 * and strides 1/2/2/2, global average pool and a per-step {@code Linear(512·e → K)} (e = 1 basic,
 * 4 bottleneck). Input {@code [T, B, C, H, W]}, output {@code [T, B, K]}. For 3×224×224 and K = 1000:
 * SEW-ResNet-18 = basic [2,2,2,2] (11,689,512 parameters), SEW-ResNet-34 = basic [3,4,6,3] (21,797,672),
 * SEW-ResNet-50 = bottleneck [3,4,6,3] (25,557,032; with one learnable v0 per neuron of every spiking layer,
 * stem and shortcut neurons included, 36,671,016: the IMP slides' 36.67M).
 */
public final class SewResNet extends Module {
    private final int tebnTimeSteps;
    /** The residual block of the stages. */
    public enum BlockType {
        /** Two 3×3 convolutions ({@link SewBlock}). */
        BASIC,
        /** 1×1, 3×3, 1×1 with 4× expansion ({@link SewBottleneck}). */
        BOTTLENECK
    }

    private final Conv2d conv1;
    private final Module bn1;
    private final Module sn1;
    private final Module pool;
    private final Sequential[] stages;
    private final Module fc;

    /**
     * Basic blocks.
     *
     * @param blocks      blocks per stage, e.g. {2, 2, 2, 2}
     * @param avgPoolStem use an average pool in the stem (IMP variant) instead of the max pool
     * @param zeroInit    zero-init the last BN of every block's residual branch
     */
    public SewResNet(ModelOptions o, int[] blocks, ConnectFunction connect, boolean avgPoolStem, boolean zeroInit) {
        this(o, BlockType.BASIC, blocks, connect, avgPoolStem, zeroInit);
    }

    /**
     * @param type        basic or bottleneck blocks
     * @param blocks      blocks per stage, e.g. {3, 4, 6, 3}
     * @param avgPoolStem use an average pool in the stem (IMP variant) instead of the max pool
     * @param zeroInit    zero-init the last BN of every block's residual branch (see {@link SewBlock#zeroInitResidual()})
     */
    public SewResNet(ModelOptions o, BlockType type, int[] blocks, ConnectFunction connect, boolean avgPoolStem,
                     boolean zeroInit) {
        if (blocks == null || blocks.length != 4) {
            throw new IllegalArgumentException("SEW-ResNet needs 4 stages, got " + (blocks == null ? null : blocks.length));
        }
        for (int b : blocks) {
            if (b < 1) {
                throw new IllegalArgumentException("SEW-ResNet: every stage needs at least one block, got "
                        + java.util.Arrays.toString(blocks));
            }
        }
        if (type == null || connect == null) {
            throw new IllegalArgumentException("SEW-ResNet: block type and connect function must not be null");
        }
        tebnTimeSteps = o.tebnTimeSteps();
        DataType dt = o.dataType();
        RandomGenerator rng = o.newRandom();
        long size = TimeFold.convOut(o.inputSize(), 7, 2, 3);
        conv1 = registerModule("conv1", new Conv2d(o.inChannels(), 64, 7, 2, 3, false, dt, rng));
        bn1 = registerModule("bn1", Norm.create(o, 64).module());
        sn1 = registerModule("sn1", o.neurons().create(64, size, size));
        pool = registerModule("pool", avgPoolStem ? new AvgPool2d(3, 2, 1) : new MaxPool2d(3, 2, 1));
        size = TimeFold.convOut(size, 3, 2, 1);
        int[] widths = {64, 128, 256, 512};
        int[] strides = {1, 2, 2, 2};
        int expansion = type == BlockType.BOTTLENECK ? SewBottleneck.EXPANSION : 1;
        stages = new Sequential[4];
        int in = 64;
        for (int s = 0; s < 4; s++) {
            Sequential stage = new Sequential();
            for (int b = 0; b < blocks[s]; b++) {
                int stride = b == 0 ? strides[s] : 1;
                if (type == BlockType.BOTTLENECK) {
                    SewBottleneck block = new SewBottleneck(in, widths[s], stride, size, connect, o, rng);
                    if (zeroInit) {
                        block.zeroInitResidual();
                    }
                    stage.add(block);
                } else {
                    SewBlock block = new SewBlock(in, widths[s], stride, size, connect, o,
                            io.snn4j.core.nn.BatchNorm2d.DEFAULT_EPS, rng);
                    if (zeroInit) {
                        block.zeroInitResidual();
                    }
                    stage.add(block);
                }
                size = TimeFold.convOut(size, 3, stride, 1);
                in = widths[s] * expansion;
            }
            stages[s] = registerModule("layer" + (s + 1), stage);
        }
        fc = registerModule("fc", o.head(in, rng));
    }

    public static SewResNet resnet18(ModelOptions o, ConnectFunction connect) {
        return new SewResNet(o, BlockType.BASIC, new int[] {2, 2, 2, 2}, connect, false, false);
    }

    public static SewResNet resnet34(ModelOptions o, ConnectFunction connect) {
        return new SewResNet(o, BlockType.BASIC, new int[] {3, 4, 6, 3}, connect, false, false);
    }

    /** SEW-ResNet-50: bottleneck blocks [3, 4, 6, 3]. */
    public static SewResNet resnet50(ModelOptions o, ConnectFunction connect) {
        return new SewResNet(o, BlockType.BOTTLENECK, new int[] {3, 4, 6, 3}, connect, false, false);
    }

    @Override
    public Tensor forward(Tensor x) {
        ModelChecks.timeFirstImages("SewResNet", x, conv1, tebnTimeSteps);
        long t = x.size(0);
        Tensor h = sn1.forward(TimeFold.unfold(bn1.forward(conv1.forward(TimeFold.fold(x))), t));
        h = TimeFold.unfold(pool.forward(TimeFold.fold(h)), t);
        for (Sequential stage : stages) {
            h = stage.forward(h);
        }
        Tensor pooled = Pooling.globalAvgPool(TimeFold.fold(h), false);   // [T·B, 512·e]
        return fc.forward(TimeFold.unfold(pooled, t));                      // [T, B, K]
    }
}
