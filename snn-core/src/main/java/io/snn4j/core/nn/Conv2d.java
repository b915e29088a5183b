package io.snn4j.core.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Convolution;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * 2-D convolution over {@code [N, C, H, W]} (PyTorch {@code nn.Conv2d}, square kernel). Parameters:
 * {@code weight [out, in, k, k]} (decayed), {@code bias [out]} (no decay). Wrap in
 * {@link TimeFolded} for time-first input.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;
    /** Set by {@link SynapticOps#attach}; null when not counting. */
    SynapticOps.Layer counter;

    /** PyTorch default init: weight and bias uniform on ±1/√(in·k²), weight drawn first. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias,
                  DataType dataType, RandomGenerator rng) {
        this.inChannels = Checks.positive("Conv2d", "inChannels", inChannels);
        this.outChannels = Checks.positive("Conv2d", "outChannels", outChannels);
        this.kernel = Checks.positive("Conv2d", "kernel", kernel);
        this.stride = Checks.positive("Conv2d", "stride", stride);
        this.padding = Checks.nonNegative("Conv2d", "padding", padding);
        Checks.notNull("Conv2d", "dataType", dataType);
        Checks.notNull("Conv2d", "rng", rng);
        long fanIn = (long) inChannels * kernel * kernel;
        this.weight = registerParameter("weight", Parameter.of(
                Init.defaultWeight(dataType, new long[] {outChannels, inChannels, kernel, kernel}, fanIn, rng)));
        this.bias = bias ? registerParameter("bias", Parameter.noDecay(Init.defaultBias(dataType, outChannels, fanIn, rng)))
                : null;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException(this + ": expected input [N, " + inChannels + ", H, W] but got "
                    + Arrays.toString(x.shape()));
        }
        Tensor y = Convolution.conv2d(x, weight, bias, stride, padding);
        if (counter != null) {
            counter.record(x.value(), y.length() * inChannels * kernel * kernel);
        }
        return y;
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + "→" + outChannels + ", k=" + kernel + ", s=" + stride + ", p=" + padding
                + (bias == null ? ", no bias" : "") + ")";
    }
}
