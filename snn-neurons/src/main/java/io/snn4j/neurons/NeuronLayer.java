package io.snn4j.neurons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.CarriedState;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.kernel.NeuronKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer of neurons given by a {@link ChargeFireReset} definition (docs/spec.md §2–3): time-first
 * input {@code [T, B, ...]}, spikes out, exact BPTT. Multi-step {@link #run} uses the fused
 * accelerator registered for the definition's class when it {@link NeuronAccelerator#supports
 * supports} the data type, and otherwise the generic path ({@link #runGeneric}: the definition's
 * own equations step by step on the autograd tape); the two agree (tests cross-check them).
 * Single-step {@link #step} is a run of one step.
 *
 * <p>Optionally with a learnable initial membrane potential v0 (IMP, Shen et al. NeurIPS 2024 §3;
 * docs/spec.md §3), one per neuron of a sample, shared over the batch. Under {@link
 * #carryState(boolean) carryState(true)} every forward starts from the detached final state of the
 * previous one (time slicing); otherwise every sequence starts from v0 or the definition's initial
 * state.
 *
 * @param <D> the definition
 */
public class NeuronLayer<D extends ChargeFireReset> extends SpikingLayer {
    private final String name;
    private final D definition;
    private final NeuronAccelerator<D> accelerator;
    private final Parameter v0;
    private final CarriedState<Tensor> carried = registerCarriedState(Tensor::shape, Tensor::detachCopy);

    /** A layer of {@code definition} (owned by this layer), accelerated where a kernel is registered. */
    public NeuronLayer(D definition) {
        this(definition, null, lookup(definition));
    }

    /**
     * @param v0          learnable initial potential of one sample's shape, or null
     * @param accelerator the fused kernel to use, or null for the generic path only
     */
    protected NeuronLayer(D definition, Parameter v0, NeuronAccelerator<D> accelerator) {
        if (definition == null) {
            throw new IllegalArgumentException("NeuronLayer: definition must not be null");
        }
        this.definition = definition;
        this.name = getClass().getSimpleName() + "(" + definition + ")";
        this.accelerator = accelerator;
        for (Map.Entry<String, Parameter> p : definition.parameters().entrySet()) {
            registerParameter(p.getKey(), p.getValue());
        }
        this.v0 = v0 == null ? null : registerParameter("v0", v0);
    }

    /** The same definition with a learnable v0 of shape {@code sampleShape} drawn from {@code init}. */
    public static <D extends ChargeFireReset> NeuronLayer<D> withLearnableV0(D definition, long[] sampleShape,
                                                                             V0Init init, DataType type,
                                                                             RandomGenerator rng) {
        return new NeuronLayer<>(definition, learnableV0(sampleShape, init, type, rng), lookup(definition));
    }

    /** A v0 parameter (no weight decay) of {@code sampleShape} drawn from {@code init}. */
    protected static Parameter learnableV0(long[] sampleShape, V0Init init, DataType type, RandomGenerator rng) {
        if (init == null || type == null || rng == null) {
            throw new IllegalArgumentException("NeuronLayer: v0 init, type and rng must not be null");
        }
        long n = 1;
        for (long s : sampleShape) {
            if (s <= 0) {
                throw new IllegalArgumentException("NeuronLayer: v0 shape must be positive, got "
                        + Arrays.toString(sampleShape));
            }
            n *= s;
        }
        double[] v = init.sample(Math.toIntExact(n), rng);
        return Parameter.noDecay(Nd4j.create(v, sampleShape, DataType.DOUBLE).castTo(type));
    }

    /** The registered accelerator for the definition's exact class, or null. */
    @SuppressWarnings("unchecked")
    protected static <D extends ChargeFireReset> NeuronAccelerator<D> lookup(D definition) {
        if (definition == null) {
            throw new IllegalArgumentException("NeuronLayer: definition must not be null");
        }
        return NeuronKernels.accelerator((Class<D>) definition.getClass()).orElse(null);
    }

    public D definition() {
        return definition;
    }

    /** The learnable initial potential, or null. */
    public Parameter v0() {
        return v0;
    }

    /** The accelerator this layer uses where it supports the data type, or null. */
    public NeuronAccelerator<D> accelerator() {
        return accelerator;
    }

    /** Whether a run on {@code type} goes through the fused accelerator. */
    public boolean accelerated(DataType type) {
        return accelerator != null && accelerator.supports(definition, type);
    }

    /**
     * Output of a run.
     *
     * @param spikes   {@code [T, B, ...]} ({@code [B, ...]} for a step)
     * @param state    {@code v[T−1]}, {@code [B, ...]}; null when a forward did not need it
     * @param membrane {@code h} of every step, {@code [T, B, ...]}, only from {@link #trace}
     */
    public record Output(Tensor spikes, Tensor state, Tensor membrane) {
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!carried.on()) {
            return run(x, null, false).spikes();
        }
        Output o = run(x, carried.start(perStep(x)), true);
        carried.end(o.state());
        return o.spikes();
    }

    /** Runs {@code [T, B, ...]} from {@code state} ({@code [B, ...]}; null: from v0 or the initial state). */
    public Output run(Tensor x, Tensor state) {
        return run(x, state, true);
    }

    /** One time step {@code [B, ...]} from {@code state} (null: from v0 or the initial state). */
    public Output step(Tensor x, Tensor state) {
        long[] s = x.shape();
        long[] withT = new long[s.length + 1];
        withT[0] = 1;
        System.arraycopy(s, 0, withT, 1, s.length);
        Output o = run(x.reshape(withT), state, true);
        return new Output(o.spikes().reshape(s), o.state(), null);
    }

    private Output run(Tensor x, Tensor state, boolean needState) {
        Tensor init = initial(x, state);
        if (accelerated(x.dataType())) {
            Tensor[] out = accelerator.run(definition, x, init, needState, counter());
            return new Output(out[0], out[1], null);
        }
        return generic(x, init, false);
    }

    /** The generic path: the definition's equations step by step on the tape (any data type). */
    public Output runGeneric(Tensor x, Tensor state) {
        return generic(x, initial(x, state), false);
    }

    /** As {@link #runGeneric}, also returning the membrane {@code h} of every step (debugging, conformance). */
    public Output trace(Tensor x, Tensor state) {
        return generic(x, initial(x, state), true);
    }

    private Output generic(Tensor x, Tensor init, boolean keepMembrane) {
        long[] perStep = perStep(x);
        Tensor v = init != null ? init : definition.initialState(perStep, x.dataType());
        long steps = x.size(0);
        List<Tensor> spikes = new ArrayList<>((int) steps);
        List<Tensor> membrane = keepMembrane ? new ArrayList<>((int) steps) : null;
        for (long t = 0; t < steps; t++) {
            Tensor h = definition.charge(v, x.select(t));
            Tensor s = definition.fire(h);
            v = definition.reset(h, s);
            spikes.add(s);
            if (keepMembrane) {
                membrane.add(h);
            }
        }
        Tensor out = ShapeOps.stack(spikes);
        counter().record(out.value(), definition.spikeScale());
        return new Output(out, v, keepMembrane ? ShapeOps.stack(membrane) : null);
    }

    private long[] perStep(Tensor x) {
        long[] xs = x.shape();
        if (xs.length < 2 || xs[0] < 1) {
            throw new IllegalArgumentException(name + ": expected time-first input [T, B, ...] with T >= 1 but got "
                    + Arrays.toString(xs));
        }
        return Arrays.copyOfRange(xs, 1, xs.length);
    }

    /** The initial state of a run: the given state, else v0, else null (the definition's own). */
    private Tensor initial(Tensor x, Tensor state) {
        long[] xs = x.shape();
        long[] perStep = perStep(x);
        Tensor init;
        if (state != null) {
            if (!Arrays.equals(state.shape(), perStep)) {
                throw new IllegalArgumentException(name + ": state shape " + Arrays.toString(state.shape())
                        + " does not match the input's per-step shape " + Arrays.toString(perStep));
            }
            init = state;
        } else if (v0 != null) {
            long[] sample = Arrays.copyOfRange(xs, 2, xs.length);
            if (!Arrays.equals(sample, v0.shape())) {
                throw new IllegalArgumentException(name + ": input " + Arrays.toString(xs) + " has per-sample shape "
                        + Arrays.toString(sample) + " but the learnable v0 has shape " + Arrays.toString(v0.shape()));
            }
            init = v0;
        } else {
            init = null;
        }
        if (init != null && init.dataType() != x.dataType()) {
            throw new IllegalArgumentException(name + ": input is " + x.dataType() + " but the initial potential is "
                    + init.dataType());
        }
        for (Map.Entry<String, Parameter> p : definition.parameters().entrySet()) {
            if (p.getValue().dataType() != x.dataType()) {
                throw new IllegalArgumentException(name + ": input is " + x.dataType() + " but parameter "
                        + p.getKey() + " is " + p.getValue().dataType());
            }
        }
        return init;
    }

    @Override
    public String toString() {
        return name.substring(0, name.length() - 1) + (v0 == null ? "" : ", v0 " + Arrays.toString(v0.shape())) + ")";
    }
}
