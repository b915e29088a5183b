package io.snn4j.models;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Module;
import io.snn4j.neurons.NeuronFactory;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * SEW-ResNet basic block (Fang et al., NeurIPS 2021, Fig. 2/eq. 4):
 * {@code out = SN(BN(conv3×3(SN(BN(conv3×3(x))))))}, {@code y = g(out, identity)} where identity is x
 * or {@code SN(BN(conv1×1/stride(x)))}; no neuron after g. Input and output are {@code [T, B, C, H, W]}.
 * Members: {@code conv1, bn1, sn1, conv2, bn2, sn2} and, when the shape changes,
 * {@code downsample.conv, downsample.bn, downsample.sn}. With TEBN ({@link ModelOptions#tebn()}) each
 * {@code bn} is a {@link TebnFolded}.
 */
public final class SewBlock extends Module {
    private final Conv2d conv1;
    private final Module bn1;
    private final Module sn1;
    private final Conv2d conv2;
    private final Norm norm2;
    private final Module sn2;
    private final Downsample downsample;
    private final ConnectFunction connect;
    private final long[] outShape;

    /** The identity branch's conv1×1 + BN + neuron, used where stride or channels change. */
    static final class Downsample extends Module {
        final Conv2d conv;
        final Module bn;
        final Module sn;

        Downsample(int in, int out, int stride, long outSize, NeuronFactory neurons, Norm norm, DataType type,
                   RandomGenerator rng) {
            conv = registerModule("conv", new Conv2d(in, out, 1, stride, 0, false, type, rng));
            bn = registerModule("bn", norm.module());
            sn = registerModule("sn", neurons.create(out, outSize, outSize));
        }

        @Override
        public Tensor forward(Tensor x) {
            long t = x.size(0);
            return sn.forward(TimeFold.unfold(bn.forward(conv.forward(TimeFold.fold(x))), t));
        }
    }

    /**
     * @param inSize input height = width (for the per-neuron shapes of learnable initial potentials)
     */
    public SewBlock(int in, int out, int stride, long inSize, ConnectFunction connect, NeuronFactory neurons,
                    DataType type, RandomGenerator rng) {
        this(in, out, stride, inSize, connect, neurons, BatchNorm2d.DEFAULT_EPS, type, rng);
    }

    /** As above with a BatchNorm epsilon other than 1e-5. */
    public SewBlock(int in, int out, int stride, long inSize, ConnectFunction connect, NeuronFactory neurons,
                    double bnEps, DataType type, RandomGenerator rng) {
        this(in, out, stride, inSize, connect, ModelOptions.builder().inChannels(in).numClasses(1).inputSize(1)
                .neurons(neurons).dataType(type).build(), bnEps, rng);
    }

    /** A block whose neurons, data type and normalisation (BN or TEBN) come from {@code o}. */
    public SewBlock(int in, int out, int stride, long inSize, ConnectFunction connect, ModelOptions o, double bnEps,
                    RandomGenerator rng) {
        this.connect = connect;
        DataType type = o.dataType();
        NeuronFactory neurons = o.neurons();
        long outSize = TimeFold.convOut(inSize, 3, stride, 1);
        outShape = new long[] {out, outSize, outSize};
        conv1 = registerModule("conv1", new Conv2d(in, out, 3, stride, 1, false, type, rng));
        bn1 = registerModule("bn1", Norm.create(o, out, bnEps).module());
        sn1 = registerModule("sn1", neurons.create(out, outSize, outSize));
        conv2 = registerModule("conv2", new Conv2d(out, out, 3, 1, 1, false, type, rng));
        norm2 = Norm.create(o, out, bnEps);
        registerModule("bn2", norm2.module());
        sn2 = registerModule("sn2", neurons.create(out, outSize, outSize));
        downsample = (stride != 1 || in != out) ? registerModule("downsample",
                new Downsample(in, out, stride, outSize, neurons, Norm.create(o, out, bnEps), type, rng)) : null;
    }

    /**
     * Zero-init of the residual branch (docs/spec.md §8): last BN γ = 0, and β such that {@code g(out, S) = S}: 0 for
     * ADD/IAND, for AND the smallest of 1, 2, 4, … at which {@code sn2} fires everywhere at t = 0 (β = 1 as in
     * the SEW code does not fire at this library's strict threshold). Returns the β set.
     */
    public double zeroInitResidual() {
        return ResidualZeroInit.apply(norm2.bn(), sn2, connect, outShape);
    }

    /** Zero-init with an explicit β for the last BN (γ = 0). */
    public void zeroInitResidual(double beta) {
        ResidualZeroInit.apply(norm2.bn(), beta);
    }

    public ConnectFunction connect() {
        return connect;
    }

    @Override
    public Tensor forward(Tensor x) {
        long t = x.size(0);
        Tensor h = sn1.forward(TimeFold.unfold(bn1.forward(conv1.forward(TimeFold.fold(x))), t));
        Tensor out = sn2.forward(TimeFold.unfold(norm2.module().forward(conv2.forward(TimeFold.fold(h))), t));
        Tensor identity = downsample == null ? x : downsample.forward(x);
        return connect.apply(out, identity);
    }
}
