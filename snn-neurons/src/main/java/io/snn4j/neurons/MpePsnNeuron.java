package io.snn4j.neurons;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.nn.Stochastic;
import io.snn4j.core.rng.SplitMix64;
import io.snn4j.neurons.kernel.MpePsnForward;
import io.snn4j.neurons.kernel.MpePsnGradients;
import io.snn4j.neurons.kernel.MpePsnKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MPE-PSN layer (Chen et al., "parallel spiking neuron by membrane potential estimation"; SPEC §5):
 * all T steps at once from an estimated post-reset potential, with a learnable threshold θ (init
 * from the config, 1.0) and per-step coefficients {@code coef[T]} (init 1/T) of the
 * membrane-approximation loss, which {@link #lastMembraneLoss()} exposes to the loss side
 * (see {@code MembraneLossMix}). The Bernoulli draws come from an injected {@link MaskSource}.
 */
public final class MpePsnNeuron extends SpikingLayer implements io.snn4j.core.nn.AuxiliaryLoss, Stochastic {
    private final MpePsnConfig config;
    private final int timeSteps;
    private final MpePsnKernel kernel;
    private final MaskSource masks;
    private final Parameter threshold;
    private final Parameter coef;
    private Tensor lastMemLoss;

    /** Where the Bernoulli draws {@code B ~ Bernoulli(sigmoid(x))} come from. */
    @FunctionalInterface
    public interface MaskSource {
        INDArray mask(INDArray x);

        /** The checkpointable generator the draws come from, or null when there is none. */
        default SplitMix64 generator() {
            return null;
        }

        /** Draws from {@code rng} (seeded ⇒ reproducible). */
        static MaskSource random(RandomGenerator rng) {
            Objects.requireNonNull(rng, "rng");
            return x -> MpePsnKernel.bernoulliMask(x, rng);
        }

        /** Draws from a checkpointable {@code rng}: a training loop saves and restores its state (exact resume). */
        static MaskSource random(SplitMix64 rng) {
            Objects.requireNonNull(rng, "rng");
            return new MaskSource() {
                @Override
                public INDArray mask(INDArray x) {
                    return MpePsnKernel.bernoulliMask(x, rng);
                }

                @Override
                public SplitMix64 generator() {
                    return rng;
                }
            };
        }
    }

    /** The mask generator, when it is checkpointable (see {@link MaskSource#generator()}); else null. */
    @Override
    public SplitMix64 generator() {
        return masks.generator();
    }

    public MpePsnNeuron(MpePsnConfig config, int timeSteps, MaskSource masks, DataType type) {
        if (config == null) {
            throw new IllegalArgumentException("MpePsnNeuron: config must not be null");
        }
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("MpePsnNeuron: timeSteps must be > 0, got " + timeSteps);
        }
        this.config = config;
        this.timeSteps = timeSteps;
        this.kernel = MpePsnKernel.cpu();
        this.masks = Objects.requireNonNull(masks, "masks");
        threshold = registerParameter("threshold", Parameter.noDecay(Nd4j.scalar(type, config.initialThreshold()).reshape(1)));
        coef = registerParameter("coef", Parameter.noDecay(Nd4j.valueArrayOf(new long[] {timeSteps}, 1.0 / timeSteps, type)));
    }

    public Parameter threshold() {
        return threshold;
    }

    public Parameter coef() {
        return coef;
    }

    @Override
    public Tensor auxiliaryLoss() {
        return lastMembraneLoss();
    }

    /** The membrane-approximation loss of the last forward pass (a scalar on the tape), or null. */
    public Tensor lastMembraneLoss() {
        return lastMemLoss;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, masks.mask(x.value()));
    }

    /** Forward with an explicit mask B (0/1, shape of x). */
    public Tensor forward(Tensor x, INDArray mask) {
        long[] xs = x.shape();
        if (xs.length < 2 || xs[0] != timeSteps) {
            throw new IllegalArgumentException("MpePsnNeuron: expected input [T=" + timeSteps + ", B, ...] but got "
                    + Arrays.toString(xs));
        }
        if (!Arrays.equals(mask.shape(), xs)) {
            throw new IllegalArgumentException("MpePsnNeuron: mask shape " + Arrays.toString(mask.shape())
                    + " differs from input shape " + Arrays.toString(xs));
        }
        DataType type = x.dataType();
        MpePsnForward f = kernel.forward(config, x.value(), mask.castTo(type), threshold.value().getDouble(0),
                coef.value(), false);
        counter().record(f.spikes(), 1.0);
        Tensor[] out = Tensor.recordMulti("mpe-psn", new INDArray[] {f.spikes().reshape(xs), Nd4j.scalar(type, f.memLoss())}, g -> {
            MpePsnGradients gr = kernel.backward(f.saved(), g[0], g[1].getDouble(0));
            return new INDArray[] {gr.gradX().reshape(xs), Nd4j.scalar(type, gr.gradThreshold()).reshape(1),
                gr.gradCoef().reshape(timeSteps)};
        }, x, threshold, coef);
        lastMemLoss = out[1];
        return out[0];
    }

    @Override
    public String toString() {
        return "MpePsnNeuron(" + config + ", T=" + timeSteps + ")";
    }
}
