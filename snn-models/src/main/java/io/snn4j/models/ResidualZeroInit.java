package io.snn4j.models;

import java.util.Arrays;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Module;
import io.snn4j.neurons.SpikingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero-init of a SEW residual branch (Fang et al., NeurIPS 2021, §3.3; docs/spec.md §8): the branch's last BN gets
 * γ = 0, so its neuron sees the constant β. For ADD and IAND β = 0 (the neuron stays silent, A = 0, and
 * {@code g(A, S) = S}); for AND the branch must fire everywhere ({@code A = 1}, {@code g = A·S = S}). The
 * SEW code sets β = 1 for IF neurons that fire at {@code h ≥ θ}; with this library's strict threshold
 * ({@code h > θ}, docs/spec.md §1) and neurons that scale or leak their input, β = 1 leaves the branch silent and the
 * block outputs zero. So β is found from the neuron itself: the smallest of 1, 2, 4, … at which the neuron,
 * given that constant input, fires in every position at t = 0.
 */
final class ResidualZeroInit {
    private static final int MAX_DOUBLINGS = 16;

    private ResidualZeroInit() {
    }

    /**
     * @param sampleShape the per-sample shape {@code [C, H, W]} the neuron sees
     * @return the β that was set
     */
    static double apply(BatchNorm2d bn, Module neuron, ConnectFunction connect, long[] sampleShape) {
        bn.gamma().value().assign(0.0);
        double beta = connect == ConnectFunction.AND ? firingBias(neuron, sampleShape, bn.gamma().dataType()) : 0.0;
        bn.beta().value().assign(beta);
        return beta;
    }

    /** With an explicit β (for neurons that cannot be probed with a one-step sequence). */
    static void apply(BatchNorm2d bn, double beta) {
        bn.gamma().value().assign(0.0);
        bn.beta().value().assign(beta);
    }

    /** The smallest constant input in 1, 2, 4, … that makes {@code neuron} fire everywhere at t = 0. */
    static double firingBias(Module neuron, long[] sampleShape, DataType type) {
        long[] shape = new long[sampleShape.length + 2];
        shape[0] = 1;
        shape[1] = 1;
        System.arraycopy(sampleShape, 0, shape, 2, sampleShape.length);
        double beta = 1.0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < MAX_DOUBLINGS; i++, beta *= 2) {
                Tensor out;
                try {
                    out = neuron.forward(Tensor.constant(Nd4j.valueArrayOf(shape, beta, type)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("SEW zero-init for AND: cannot probe " + neuron
                            + " with a one-step input " + Arrays.toString(shape) + " (" + e.getMessage()
                            + "); set the branch bias explicitly with zeroInitResidual(beta)", e);
                } finally {
                    neuron.resetState();
                    SpikingLayer.resetCounters(neuron);
                }
                if (out.value().minNumber().doubleValue() > 0) {
                    return beta;
                }
            }
        }
        throw new IllegalStateException("SEW zero-init for AND: " + neuron + " does not fire at t = 0 for any constant input up to "
                + beta / 2);
    }
}
