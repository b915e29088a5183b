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
 * {@code downsample.conv, downsample.bn, downsample.sn}.
 */
public final class SewBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Module sn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Module sn2;
    private final Downsample downsample;
    private final ConnectFunction connect;

    /** The identity branch's conv1×1 + BN + neuron, used where stride or channels change. */
    static final class Downsample extends Module {
        final Conv2d conv;
        final BatchNorm2d bn;
        final Module sn;

        Downsample(int in, int out, int stride, long outSize, NeuronFactory neurons, double bnEps, DataType type,
                   RandomGenerator rng) {
            conv = registerModule("conv", new Conv2d(in, out, 1, stride, 0, false, type, rng));
            bn = registerModule("bn", new BatchNorm2d(out, bnEps, BatchNorm2d.DEFAULT_MOMENTUM, type));
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
        this.connect = connect;
        long outSize = TimeFold.convOut(inSize, 3, stride, 1);
        conv1 = registerModule("conv1", new Conv2d(in, out, 3, stride, 1, false, type, rng));
        bn1 = registerModule("bn1", new BatchNorm2d(out, bnEps, BatchNorm2d.DEFAULT_MOMENTUM, type));
        sn1 = registerModule("sn1", neurons.create(out, outSize, outSize));
        conv2 = registerModule("conv2", new Conv2d(out, out, 3, 1, 1, false, type, rng));
        bn2 = registerModule("bn2", new BatchNorm2d(out, bnEps, BatchNorm2d.DEFAULT_MOMENTUM, type));
        sn2 = registerModule("sn2", neurons.create(out, outSize, outSize));
        downsample = (stride != 1 || in != out)
                ? registerModule("downsample", new Downsample(in, out, stride, outSize, neurons, bnEps, type, rng)) : null;
    }

    /** Zero-init of the residual branch: last BN γ = 0 (and β = 1 for AND, so that out = 1 passes S). */
    public void zeroInitResidual() {
        bn2.gamma().value().assign(0.0);
        if (connect == ConnectFunction.AND) {
            bn2.beta().value().assign(1.0);
        }
    }

    public ConnectFunction connect() {
        return connect;
    }

    @Override
    public Tensor forward(Tensor x) {
        long t = x.size(0);
        Tensor h = sn1.forward(TimeFold.unfold(bn1.forward(conv1.forward(TimeFold.fold(x))), t));
        Tensor out = sn2.forward(TimeFold.unfold(bn2.forward(conv2.forward(TimeFold.fold(h))), t));
        Tensor identity = downsample == null ? x : downsample.forward(x);
        return connect.apply(out, identity);
    }
}
