package io.snn4j.neurons.reference;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.surrogate.SpikeOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MPE-PSN (docs/spec.md §5; Chen et al.) from core autograd ops, whole-sequence tensors: the path
 * {@link io.snn4j.neurons.MpePsnNeuron} runs where no fused kernel supports the data type (DOUBLE on
 * the CPU), and the cross-check for the fused FLOAT kernel. {@code threshold} is a {@code [1]}
 * tensor, {@code coef} {@code [T]}.
 */
public final class ReferenceMpePsn {
    private ReferenceMpePsn() {
    }

    /** Spikes {@code [T, B, ...]}, the membrane-approximation loss (a scalar) and the estimate hhat {@code [T, B, ...]}. */
    public record Output(Tensor spikes, Tensor memLoss, Tensor membrane) {
    }

    public static Output forward(MpePsnConfig c, Tensor x, INDArray mask, Tensor threshold, Tensor coef) {
        return forward(c, h -> SpikeOp.heaviside(h, c.surrogate()), x, mask, threshold, coef);
    }

    /** With the spike nonlinearity {@code fire(hhat − θ)} given (a test swaps in a smooth function). */
    public static Output forward(MpePsnConfig c, UnaryOperator<Tensor> fire, Tensor x, INDArray mask,
                                 Tensor threshold, Tensor coef) {
        long[] xs = x.shape();
        long t = xs[0];
        Tensor vhat = x.mul(Tensor.constant(mask.castTo(x.dataType()).rsub(1.0)));       // (1 − B)·x
        long[] one = xs.clone();
        one[0] = 1;
        Tensor shifted = t == 1 ? Tensor.constant(Nd4j.zeros(x.dataType(), xs))
                : ShapeOps.concat(0, List.of(Tensor.constant(Nd4j.zeros(x.dataType(), one)), vhat.narrow(0, 0, t - 1)));
        Tensor hhat = shifted.mul(c.tau()).add(x);                                          // τ·vhat[t−1] + x[t]
        Tensor s = fire.apply(hhat.sub(threshold));
        Tensor v = s.rsub(1.0).mul(hhat);                                                   // reset not detached
        long[] coefShape = new long[xs.length];
        Arrays.fill(coefShape, 1);
        coefShape[0] = t;
        Tensor memLoss = coef.reshape(coefShape).mul(vhat.sub(v).square()).mean();
        return new Output(s, memLoss, hhat);
    }
}
