package io.snn4j.neurons;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.kernel.Backend;
import io.snn4j.neurons.kernel.LifForward;
import io.snn4j.neurons.kernel.LifGradients;
import io.snn4j.neurons.kernel.LifKernel;
import io.snn4j.neurons.kernel.NeuronKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LIF family as a layer (SPEC §2; TET eq. 1–3), optionally with a learnable initial membrane
 * potential v0, one per neuron of a sample, shared over the batch (IMP, Shen et al. NeurIPS 2024, §3).
 *
 * <p>Multi-step: {@link #forward(Tensor)} runs a whole {@code [T, B, ...]} sequence as one fused
 * kernel call recorded as one tape node (exact BPTT in one backward pass). Every sequence starts
 * from v0 (or 0). Single-step with explicit state: {@link #step(Tensor, LifState)}; the two agree
 * exactly.
 *
 * <p>The backward pass recomputes the membrane from the input instead of keeping a {@code [T, N]}
 * buffer, so the input array must not be modified in place between a forward pass and its backward
 * pass (no op of the library does that; user code that reuses an input buffer must copy it first).
 */
public final class LifNeuron extends SpikingLayer {
    private final LifConfig config;
    private final LifKernel kernel;
    private final Parameter v0;
    private boolean carry;
    private LifState carried;

    private LifNeuron(LifConfig config, LifKernel kernel, Parameter v0) {
        this.config = config;
        this.kernel = kernel;
        this.v0 = v0 == null ? null : registerParameter("v0", v0);
    }

    /** A LIF layer starting every sequence from 0, on the CPU kernel. */
    public LifNeuron(LifConfig config) {
        this(checkConfig(config), defaultKernel(), null);
    }

    /** A LIF layer with a learnable v0 of shape {@code sampleShape}, drawn from {@code init}. */
    public static LifNeuron withLearnableV0(LifConfig config, long[] sampleShape, V0Init init, DataType type,
                                            RandomGenerator rng) {
        checkConfig(config);
        long n = 1;
        for (long s : sampleShape) {
            if (s <= 0) {
                throw new IllegalArgumentException("LifNeuron: v0 shape must be positive, got " + Arrays.toString(sampleShape));
            }
            n *= s;
        }
        double[] v = init.sample(Math.toIntExact(n), rng);
        return new LifNeuron(config, defaultKernel(), Parameter.noDecay(Nd4j.create(v, sampleShape, DataType.DOUBLE).castTo(type)));
    }

    /** The same layer (sharing v0, if any) on another kernel backend. */
    public LifNeuron withKernel(LifKernel other) {
        return new LifNeuron(config, other, v0);
    }

    private static LifKernel defaultKernel() {
        return NeuronKernels.find(LifKernel.class).orElseThrow(() ->
                new UnsupportedOperationException("no LIF kernel for the " + Backend.current() + " backend"));
    }

    private static LifConfig checkConfig(LifConfig c) {
        if (c == null) {
            throw new IllegalArgumentException("LifNeuron: config must not be null");
        }
        return c;
    }

    public LifConfig config() {
        return config;
    }

    /** The learnable initial potential, or null. */
    public Parameter v0() {
        return v0;
    }

    /** Explicit single-step state: the post-reset membrane potential of every neuron, {@code [B, ...]}. */
    public record LifState(Tensor v) {
    }

    /** Output of a run: spikes {@code [T, B, ...]} (or {@code [B, ...]} for a step) and the state after it. */
    public record LifOutput(Tensor spikes, LifState state) {
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!carry) {
            return run(x, null).spikes();
        }
        LifOutput o = run(x, carried != null && Arrays.equals(carried.v().shape(), Arrays.copyOfRange(x.shape(), 1, x.shape().length))
                ? carried : null);
        carried = new LifState(o.state().v().detach());
        return o.spikes();
    }

    @Override
    public void carryState(boolean on) {
        carry = on;
        carried = null;
        super.carryState(on);
    }

    @Override
    public void resetState() {
        carried = null;
        super.resetState();
    }

    /** One time step {@code [B, ...]} from {@code state} (null: from v0 or 0). */
    public LifOutput step(Tensor x, LifState state) {
        long[] s = x.shape();
        long[] withT = new long[s.length + 1];
        withT[0] = 1;
        System.arraycopy(s, 0, withT, 1, s.length);
        LifOutput o = run(x.reshape(withT), state);
        return new LifOutput(o.spikes().reshape(s), o.state());
    }

    /**
     * Runs a sequence {@code [T, B, ...]} from an explicit state (null: from v0 or 0), returning the
     * spikes and the final state; gradients flow into x, the state and v0.
     */
    public LifOutput run(Tensor x, LifState state) {
        long[] xs = x.shape();
        if (xs.length < 2) {
            throw new IllegalArgumentException("LifNeuron: expected time-first input [T, B, ...] but got " + Arrays.toString(xs));
        }
        long[] perStep = Arrays.copyOfRange(xs, 1, xs.length);
        Tensor init;
        if (state != null) {
            init = state.v();
            if (!Arrays.equals(init.shape(), perStep)) {
                throw new IllegalArgumentException("LifNeuron: state shape " + Arrays.toString(init.shape())
                        + " does not match the input's per-step shape " + Arrays.toString(perStep));
            }
        } else if (v0 != null) {
            long[] sample = Arrays.copyOfRange(xs, 2, xs.length);
            if (!Arrays.equals(sample, v0.shape())) {
                throw new IllegalArgumentException("LifNeuron: input " + Arrays.toString(xs) + " has per-sample shape "
                        + Arrays.toString(sample) + " but the learnable v0 has shape " + Arrays.toString(v0.shape()));
            }
            init = v0;
        } else {
            init = null;
        }
        if (init != null && init.dataType() != x.dataType()) {
            throw new IllegalArgumentException("LifNeuron: input is " + x.dataType() + " but the initial potential is "
                    + init.dataType());
        }
        INDArray xv = x.value();
        LifForward f = kernel.forward(config, xv, init == null ? null : init.value(), false);
        counter().record(f.spikes(), 1.0);
        INDArray vFinal = f.vFinal().reshape(perStep);
        Tensor[] out = Tensor.recordMulti("lif", new INDArray[] {f.spikes().reshape(xs), vFinal}, g -> {
            LifGradients gr = kernel.backward(f.saved(), g[0], g[1]);
            return new INDArray[] {gr.gradX().reshape(xs), gr.gradVInit() == null ? null : gr.gradVInit().reshape(init.shape())};
        }, x, init);
        return new LifOutput(out[0], new LifState(out[1]));
    }

    @Override
    public String toString() {
        return "LifNeuron(" + config + (v0 == null ? "" : ", v0 " + Arrays.toString(v0.shape())) + ")";
    }
}
