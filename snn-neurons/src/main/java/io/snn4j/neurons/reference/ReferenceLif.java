package io.snn4j.neurons.reference;

import java.util.ArrayList;
import java.util.List;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.autograd.SpikeOps;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.surrogate.Surrogate;

/**
 * The LIF family (SPEC §2) written plainly from core autograd ops, unrolled step by step — the way
 * Python frameworks run a multi-step neuron on a CPU. It is the cross-check for the fused kernel
 * and the "per-step autograd loop" baseline of the benchmarks; don't use it to train.
 */
public final class ReferenceLif {
    private ReferenceLif() {
    }

    /**
     * @param x  input {@code [T, B, ...]}
     * @param v0 initial potential broadcastable to {@code [B, ...]} (per-sample v0 or full state), or null for 0
     * @return spikes {@code [T, B, ...]}
     */
    public static Tensor forward(LifConfig c, Tensor x, Tensor v0) {
        Surrogate sg = c.surrogate();
        List<Tensor> spikes = new ArrayList<>();
        Tensor v = v0;
        for (long t = 0; t < x.size(0); t++) {
            Tensor in = x.select(t).mul(c.gain());
            Tensor h = v == null ? in : v.mul(c.decay()).add(in);
            Tensor s = SpikeOps.heaviside(h.sub(c.threshold()), sg::grad);
            Tensor sr = c.detachReset() ? s.detach() : s;
            v = c.resetMode() == ResetMode.HARD ? h.mul(sr.rsub(1.0)) : h.sub(sr.mul(c.threshold()));
            spikes.add(s);
        }
        return ShapeOps.stack(spikes);
    }
}
