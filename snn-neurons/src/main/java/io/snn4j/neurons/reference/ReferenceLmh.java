package io.snn4j.neurons.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.surrogate.SpikeOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LM-H (docs/spec.md §4; Hao et al. ICLR 2024) unrolled from core autograd ops: the path {@link
 * io.snn4j.neurons.LmhNeuron} runs where no fused kernel supports the data type (DOUBLE on the CPU),
 * and the cross-check for the fused FLOAT kernel. {@code a1, b1, a2, b2} are scalar tensors
 * ({@code [1]}).
 */
public final class ReferenceLmh {
    private ReferenceLmh() {
    }

    /**
     * A run: θ-scaled spikes {@code [T, B, ...]}, the final dendrite and soma potentials, and the
     * pre-reset soma potential mS of every step {@code [T, B, ...]} (null unless asked for).
     */
    public record Output(Tensor spikes, Tensor vD, Tensor vS, Tensor membrane) {
    }

    /** Spikes from the default initial state (vD = 0, vS = θ/2). */
    public static Tensor forward(LmhConfig c, Tensor x, Tensor a1, Tensor b1, Tensor a2, Tensor b2) {
        return run(c, x, a1, b1, a2, b2, null, null, false).spikes();
    }

    /** From {@code vD0}, {@code vS0} (null: vD = 0, vS = θ/2; else broadcastable to the per-step shape). */
    public static Output run(LmhConfig c, Tensor x, Tensor a1, Tensor b1, Tensor a2, Tensor b2,
                             Tensor vD0, Tensor vS0, boolean keepMembrane) {
        return run(c, h -> SpikeOp.heaviside(h, c.surrogate()), x, a1, b1, a2, b2, vD0, vS0, keepMembrane);
    }

    /**
     * With the spike nonlinearity {@code fire(mS − θ)} given (a test swaps in a smooth function for
     * finite-difference checks).
     */
    public static Output run(LmhConfig c, UnaryOperator<Tensor> fire, Tensor x, Tensor a1, Tensor b1, Tensor a2,
                             Tensor b2, Tensor vD0, Tensor vS0, boolean keepMembrane) {
        double theta = c.threshold();
        long[] perStep = Arrays.copyOfRange(x.shape(), 1, x.shape().length);
        Tensor muD = a1.sigmoid().sub(0.5);
        Tensor muS = b1.sigmoid().sub(0.5);
        Tensor lamS = a2.sigmoid().add(0.5);
        Tensor lamD = b2.sigmoid().add(0.5);
        Tensor vD = vD0 != null ? vD0 : Tensor.constant(Nd4j.zeros(x.dataType(), perStep));
        Tensor vS = vS0 != null ? vS0 : Tensor.constant(Nd4j.valueArrayOf(perStep, theta / 2, x.dataType()));
        List<Tensor> out = new ArrayList<>();
        List<Tensor> membrane = keepMembrane ? new ArrayList<>() : null;
        for (long t = 0; t < x.size(0); t++) {
            vD = muD.mul(vD).add(muS.mul(vS)).add(x.select(t));     // vD[t] = μD·vD[t−1] + μS·vS[t−1] + x[t]
            Tensor mS = lamS.mul(vS).add(lamD.mul(vD));             // mS[t] = λS·vS[t−1] + λD·vD[t]
            Tensor o = fire.apply(mS.sub(theta)).mul(theta);        // o[t] = θ·H(mS[t] − θ)
            vS = mS.sub(o.detach());                                // soft reset, o's gradient stopped
            out.add(o);
            if (membrane != null) {
                membrane.add(mS);
            }
        }
        return new Output(ShapeOps.stack(out), vD, vS, membrane == null ? null : ShapeOps.stack(membrane));
    }
}
