package io.snn4j.neurons;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.CarriedState;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.kernel.NeuronKernels;
import io.snn4j.neurons.kernel.LmhForward;
import io.snn4j.neurons.kernel.LmhGradients;
import io.snn4j.neurons.kernel.LmhKernel;
import io.snn4j.neurons.kernel.LmhParams;
import io.snn4j.neurons.reference.ReferenceLmh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LM-H neuron layer (Hao et al., ICLR 2024; docs/spec.md §4): dendrite and soma compartments with four
 * learnable per-layer scalars {@code a1, b1, a2, b2} (0 at init: an IF neuron with soft reset and
 * v0 = θ/2), fixed threshold θ, θ-scaled output spikes. FLOAT runs one fused kernel call per sequence (the
 * backend's {@link LmhKernel}); DOUBLE, and backends without an LM-H kernel, run the unfused path of
 * {@link ReferenceLmh} built from core autograd ops, against which the kernel is checked.
 *
 * <p>Time-slicing online training (the paper's efficient training): run slices of k steps with
 * {@link #run(Tensor, LmhState)}, pass {@link LmhState#detach()} of the returned state to the next
 * slice, and step the optimizer after each slice.
 */
public final class LmhNeuron extends SpikingLayer {
    private final LmhConfig config;
    private final LmhKernel kernel;     // null: no kernel on this backend
    private final Parameter a1;
    private final Parameter b1;
    private final Parameter a2;
    private final Parameter b2;
    private final CarriedState<LmhState> carried = registerCarriedState(s -> s.vD().shape(), LmhState::detach);

    public LmhNeuron(LmhConfig config, DataType type) {
        this(config, LmhParams.init(), type);
    }

    /** With given raw scalars (e.g. from a trained model). */
    public LmhNeuron(LmhConfig config, LmhParams init, DataType type) {
        if (config == null) {
            throw new IllegalArgumentException("LmhNeuron: config must not be null");
        }
        this.config = config;
        this.kernel = NeuronKernels.find(LmhKernel.class).orElse(null);
        a1 = registerParameter("a1", Parameter.noDecay(Nd4j.scalar(type, init.a1()).reshape(1)));
        b1 = registerParameter("b1", Parameter.noDecay(Nd4j.scalar(type, init.b1()).reshape(1)));
        a2 = registerParameter("a2", Parameter.noDecay(Nd4j.scalar(type, init.a2()).reshape(1)));
        b2 = registerParameter("b2", Parameter.noDecay(Nd4j.scalar(type, init.b2()).reshape(1)));
    }

    public LmhConfig config() {
        return config;
    }

    /** The current raw scalars. */
    public LmhParams params() {
        return new LmhParams(a1.value().getDouble(0), b1.value().getDouble(0), a2.value().getDouble(0), b2.value().getDouble(0));
    }

    /** Dendrite and soma potentials after a run, {@code [B, ...]} each. */
    public record LmhState(Tensor vD, Tensor vS) {
        /** Copies of the values cut off from the tape (a time-slice boundary; they outlive the slice's graph). */
        public LmhState detach() {
            return new LmhState(vD.detachCopy(), vS.detachCopy());
        }
    }

    /**
     * Output spikes (θ-scaled) {@code [T, B, ...]}, the state after the run, and the pre-reset soma
     * potential mS of every step {@code [T, B, ...]} (only from {@link #trace}, else null).
     */
    public record LmhOutput(Tensor spikes, LmhState state, Tensor membrane) {
        public LmhOutput(Tensor spikes, LmhState state) {
            this(spikes, state, null);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        LmhOutput o = run(x, carried.start(Arrays.copyOfRange(x.shape(), 1, x.shape().length)));
        carried.end(o.state());
        return o.spikes();
    }

    /** Runs {@code [T, B, ...]} from {@code state} (null: vD = 0, vS = θ/2). */
    public LmhOutput run(Tensor x, LmhState state) {
        return run(x, state, false);
    }

    /** {@link #run} that also returns the membrane mS of every step (debugging, conformance). */
    public LmhOutput trace(Tensor x, LmhState state) {
        return run(x, state, true);
    }

    private LmhOutput run(Tensor x, LmhState state, boolean keepMembrane) {
        long[] xs = x.shape();
        if (xs.length < 2) {
            throw new IllegalArgumentException("LmhNeuron: expected time-first input [T, B, ...] but got " + Arrays.toString(xs));
        }
        if (x.value().length() == 0) {
            throw new IllegalArgumentException("LmhNeuron: input must be non-empty, got " + Arrays.toString(xs));
        }
        long[] perStep = Arrays.copyOfRange(xs, 1, xs.length);
        if (state != null && (!Arrays.equals(state.vD().shape(), perStep) || !Arrays.equals(state.vS().shape(), perStep))) {
            throw new IllegalArgumentException("LmhNeuron: state shapes " + Arrays.toString(state.vD().shape()) + "/"
                    + Arrays.toString(state.vS().shape()) + " do not match the input's per-step shape " + Arrays.toString(perStep));
        }
        if (x.dataType() != a1.dataType()) {
            throw new IllegalArgumentException("LmhNeuron: input is " + x.dataType() + " but the layer is " + a1.dataType());
        }
        Tensor vDIn = state == null ? null : state.vD();
        Tensor vSIn = state == null ? null : state.vS();
        if (kernel == null || !kernel.supports(x.dataType())) {
            ReferenceLmh.Output r = ReferenceLmh.run(config, x, a1, b1, a2, b2, vDIn, vSIn, keepMembrane);
            counter().add(r.spikes().value().neq(0.0).castTo(DataType.DOUBLE).sumNumber().doubleValue(), x.value().length());
            return new LmhOutput(r.spikes(), new LmhState(r.vD(), r.vS()), r.membrane());
        }
        LmhForward f = kernel.forward(config, params(), x.value(),
                vDIn == null ? null : vDIn.value(), vSIn == null ? null : vSIn.value(), keepMembrane);
        counter().add(f.spikeCount(), f.spikes().length());
        DataType type = x.dataType();
        Tensor[] out = Tensor.recordMulti("lmh",
                new INDArray[] {f.spikes().reshape(xs), f.vDFinal().reshape(perStep), f.vSFinal().reshape(perStep)}, g -> {
                    LmhGradients gr = kernel.backward(f.saved(), g[0], g[1], g[2]);
                    return new INDArray[] {gr.gradX().reshape(xs),
                        Nd4j.scalar(type, gr.gradA1()).reshape(1), Nd4j.scalar(type, gr.gradB1()).reshape(1),
                        Nd4j.scalar(type, gr.gradA2()).reshape(1), Nd4j.scalar(type, gr.gradB2()).reshape(1),
                        vDIn == null || gr.gradVD0() == null ? null : gr.gradVD0().reshape(perStep),
                        vSIn == null || gr.gradVS0() == null ? null : gr.gradVS0().reshape(perStep)};
                }, x, a1, b1, a2, b2, vDIn, vSIn);
        return new LmhOutput(out[0], new LmhState(out[1], out[2]),
                keepMembrane ? Tensor.constant(f.membrane().reshape(xs)) : null);
    }

    @Override
    public String toString() {
        return "LmhNeuron(" + config + ")";
    }
}
