package io.snn4j.neurons;

import io.snn4j.core.autograd.Tensor;

/**
 * Membrane reset after a spike (docs/spec.md §2): hard {@code v = h·(1 − s')} or soft
 * {@code v = h − θ·s'}, where {@code s'} is the spike, with its gradient stopped when the reset is
 * detached.
 */
public enum ResetMode {
    /** {@code v[t] = h[t]·(1 − s'[t])} (reset to 0; TET, SpikingJelly's default with v_reset = 0). */
    HARD {
        @Override
        Tensor reset(Tensor h, Tensor s, double theta) {
            return h.mul(s.rsub(1.0));
        }
    },
    /** {@code v[t] = h[t] − θ·s'[t]} (reset by subtraction after the decay: IMP slides). */
    SOFT {
        @Override
        Tensor reset(Tensor h, Tensor s, double theta) {
            return h.sub(s.mul(theta));
        }
    };

    abstract Tensor reset(Tensor h, Tensor s, double theta);

    /** {@code v[t]} from {@code h[t]} and {@code s[t]}, the spike's gradient stopped when {@code detach}. */
    public Tensor apply(Tensor h, Tensor s, double theta, boolean detach) {
        return reset(h, detach ? s.detach() : s, theta);
    }
}
