package io.snn4j.neurons.reference;

import java.util.ArrayList;
import java.util.List;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.neurons.surrogate.SpikeOp;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.LmhConfig;

/**
 * LM-H (docs/spec.md §4; Hao et al. ICLR 2024) unrolled from core autograd ops: the cross-check for the
 * fused LM-H kernel. {@code a1, b1, a2, b2} are scalar tensors ({@code [1]}).
 */
public final class ReferenceLmh {
    private ReferenceLmh() {
    }

    public static Tensor forward(LmhConfig c, Tensor x, Tensor a1, Tensor b1, Tensor a2, Tensor b2) {
        double theta = c.threshold();
        Tensor muD = a1.sigmoid().sub(0.5);
        Tensor muS = b1.sigmoid().sub(0.5);
        Tensor lamS = a2.sigmoid().add(0.5);
        Tensor lamD = b2.sigmoid().add(0.5);
        List<Tensor> out = new ArrayList<>();
        Tensor vD = null;
        Tensor vS = null;
        for (long t = 0; t < x.size(0); t++) {
            Tensor xt = x.select(t);
            if (vD == null) {
                // vD[-1] = 0, vS[-1] = θ/2
                vD = muS.mul(theta / 2).add(xt);
                Tensor mS = lamS.mul(theta / 2).add(lamD.mul(vD));
                Tensor o = SpikeOp.heaviside(mS.sub(theta), c.surrogate()).mul(theta);
                vS = mS.sub(o.detach());
                out.add(o);
                continue;
            }
            vD = muD.mul(vD).add(muS.mul(vS)).add(xt);
            Tensor mS = lamS.mul(vS).add(lamD.mul(vD));
            Tensor o = SpikeOp.heaviside(mS.sub(theta), c.surrogate()).mul(theta);
            vS = mS.sub(o.detach());
            out.add(o);
        }
        return ShapeOps.stack(out);
    }
}
