package io.snn4j.models;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Module;
import io.snn4j.neurons.NeuronFactory;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * SEW-ResNet bottleneck block (Fang et al., NeurIPS 2021, SEW-ResNet-50/101/152; torchvision's v1.5 layout
 * with the stride on the 3×3 convolution):
 * {@code out = SN(BN(conv1×1→4w(SN(BN(conv3×3/stride(SN(BN(conv1×1→w(x)))))))))}, {@code y = g(out, identity)}
 * with identity x or {@code SN(BN(conv1×1/stride(x)))}. Input and output are {@code [T, B, C, H, W]}, the block
 * outputs {@code 4·width} channels. Members {@code conv1, bn1, sn1, conv2, bn2, sn2, conv3, bn3, sn3} and,
 * where the shape changes, {@code downsample.conv, downsample.bn, downsample.sn}.
 */
public final class SewBottleneck extends Module {
    /** Output channels per unit of width. */
    public static final int EXPANSION = 4;

    private final Conv2d conv1;
    private final Module bn1;
    private final Module sn1;
    private final Conv2d conv2;
    private final Module bn2;
    private final Module sn2;
    private final Conv2d conv3;
    private final Norm norm3;
    private final Module sn3;
    private final SewBlock.Downsample downsample;
    private final ConnectFunction connect;
    private final long[] outShape;

    /**
     * @param in     input channels
     * @param width  channels of the 1×1 and 3×3 convolutions (the block outputs {@code 4·width})
     * @param inSize input height = width
     */
    public SewBottleneck(int in, int width, int stride, long inSize, ConnectFunction connect, ModelOptions o,
                         RandomGenerator rng) {
        this.connect = connect;
        DataType type = o.dataType();
        NeuronFactory neurons = o.neurons();
        int out = width * EXPANSION;
        long outSize = TimeFold.convOut(inSize, 3, stride, 1);
        outShape = new long[] {out, outSize, outSize};
        conv1 = registerModule("conv1", new Conv2d(in, width, 1, 1, 0, false, type, rng));
        bn1 = registerModule("bn1", Norm.create(o, width).module());
        sn1 = registerModule("sn1", neurons.create(width, inSize, inSize));
        conv2 = registerModule("conv2", new Conv2d(width, width, 3, stride, 1, false, type, rng));
        bn2 = registerModule("bn2", Norm.create(o, width).module());
        sn2 = registerModule("sn2", neurons.create(width, outSize, outSize));
        conv3 = registerModule("conv3", new Conv2d(width, out, 1, 1, 0, false, type, rng));
        norm3 = Norm.create(o, out);
        registerModule("bn3", norm3.module());
        sn3 = registerModule("sn3", neurons.create(out, outSize, outSize));
        downsample = (stride != 1 || in != out) ? registerModule("downsample",
                new SewBlock.Downsample(in, out, stride, outSize, neurons, Norm.create(o, out), type, rng)) : null;
    }

    /** Zero-init of the residual branch on {@code bn3}, as {@link SewBlock#zeroInitResidual()}; returns the β set. */
    public double zeroInitResidual() {
        return ResidualZeroInit.apply(norm3.bn(), sn3, connect, outShape);
    }

    /** Zero-init with an explicit β for {@code bn3} (γ = 0). */
    public void zeroInitResidual(double beta) {
        ResidualZeroInit.apply(norm3.bn(), beta);
    }

    public ConnectFunction connect() {
        return connect;
    }

    @Override
    public Tensor forward(Tensor x) {
        long t = x.size(0);
        Tensor h = sn1.forward(TimeFold.unfold(bn1.forward(conv1.forward(TimeFold.fold(x))), t));
        h = sn2.forward(TimeFold.unfold(bn2.forward(conv2.forward(TimeFold.fold(h))), t));
        Tensor out = sn3.forward(TimeFold.unfold(norm3.module().forward(conv3.forward(TimeFold.fold(h))), t));
        Tensor identity = downsample == null ? x : downsample.forward(x);
        return connect.apply(out, identity);
    }
}
