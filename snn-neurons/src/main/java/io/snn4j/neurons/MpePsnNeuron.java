package io.snn4j.neurons;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.nn.Stochastic;
import io.snn4j.core.rng.SplitMix64;
import io.snn4j.neurons.kernel.NeuronKernels;
import io.snn4j.neurons.kernel.MpePsnForward;
import io.snn4j.neurons.kernel.MpePsnGradients;
import io.snn4j.neurons.kernel.MpePsnKernel;
import io.snn4j.neurons.reference.ReferenceMpePsn;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MPE-PSN layer (Chen et al., "parallel spiking neuron by membrane potential estimation"; docs/spec.md §5):
 * all T steps at once from an estimated post-reset potential, with a learnable threshold θ (init
 * from the config, 1.0) and per-step coefficients {@code coef[T]} (init 1/T) of the
 * membrane-approximation loss, which {@link #lastMembraneLoss()} exposes to the loss side
 * (see {@code MembraneLossMix}). The Bernoulli draws come from an injected {@link MaskSource}.
 * FLOAT runs one fused kernel call per sequence (the backend's {@link MpePsnKernel}); DOUBLE, and
 * backends without an MPE-PSN kernel, run the unfused path of {@link ReferenceMpePsn} built from
 * core autograd ops, against which the kernel is checked.
 *
 * <p>No state is carried across forwards, with or without {@link #carryState(boolean)}: the neuron
 * has no recurrent state. Every step's potential is estimated from the current sequence's own
 * inputs ({@code vhat[t−1] = (1 − B[t−1])·x[t−1]}, {@code vhat[−1] = 0}, docs/spec.md §5), which is
 * what makes it parallel over T; the paper defines no carry between sequences, and carrying the
 * last estimate would make the first step of the next slice depend on the slicing. A time-sliced
 * run therefore treats each slice as a sequence of its own, with {@code coef} sized for the layer's
 * T.
 */
public final class MpePsnNeuron extends SpikingLayer implements io.snn4j.core.nn.AuxiliaryLoss, Stochastic {
    private final MpePsnConfig config;
    private final int timeSteps;
    private final MpePsnKernel kernel;      // null: no kernel on this backend
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
        this.kernel = NeuronKernels.find(MpePsnKernel.class).orElse(null);
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
        MpePsnOutput o = run(x, mask, false);
        lastMemLoss = o.memLoss();
        return o.spikes();
    }

    /**
     * Spikes {@code [T, B, ...]}, the membrane-approximation loss (a scalar on the tape) and the
     * estimated potential hhat of every step {@code [T, B, ...]} (only from {@link #trace}, else null).
     */
    public record MpePsnOutput(Tensor spikes, Tensor memLoss, Tensor membrane) {
    }

    /**
     * A forward with mask B that also returns hhat (debugging, conformance); {@link
     * #lastMembraneLoss()} is left as it was.
     */
    public MpePsnOutput trace(Tensor x, INDArray mask) {
        return run(x, mask, true);
    }

    private MpePsnOutput run(Tensor x, INDArray mask, boolean keepMembrane) {
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
        if (type != threshold.dataType()) {
            throw new IllegalArgumentException("MpePsnNeuron: input is " + type + " but the layer is " + threshold.dataType());
        }
        if (kernel == null || !kernel.supports(type)) {
            INDArray b = mask.castTo(type);
            if (b.mul(b.rsub(1.0)).amaxNumber().doubleValue() != 0.0) {
                throw new IllegalArgumentException("MpePsnNeuron: mask must hold only 0 and 1");
            }
            ReferenceMpePsn.Output r = ReferenceMpePsn.forward(config, x, b, threshold, coef);
            counter().add(r.spikes().value().neq(0.0).castTo(DataType.DOUBLE).sumNumber().doubleValue(), x.value().length());
            return new MpePsnOutput(r.spikes(), r.memLoss(), keepMembrane ? r.membrane() : null);
        }
        MpePsnForward f = kernel.forward(config, x.value(), mask.castTo(type), threshold.value().getDouble(0),
                coef.value(), keepMembrane);
        counter().add(f.spikeCount(), f.spikes().length());
        Tensor[] out = Tensor.recordMulti("mpe-psn", new INDArray[] {f.spikes().reshape(xs), Nd4j.scalar(type, f.memLoss())}, g -> {
            MpePsnGradients gr = kernel.backward(f.saved(), g[0], g[1].getDouble(0));
            return new INDArray[] {gr.gradX().reshape(xs), Nd4j.scalar(type, gr.gradThreshold()).reshape(1),
                gr.gradCoef().reshape(timeSteps)};
        }, x, threshold, coef);
        return new MpePsnOutput(out[0], out[1], keepMembrane ? Tensor.constant(f.membrane().reshape(xs)) : null);
    }

    @Override
    public String toString() {
        return "MpePsnNeuron(" + config + ", T=" + timeSteps + ")";
    }
}
