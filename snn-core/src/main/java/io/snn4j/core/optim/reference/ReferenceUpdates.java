package io.snn4j.core.optim.reference;

import java.util.List;

import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.Sgd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The optimizer updates written plainly with ND4J array operations (one full-array operation per
 * term, temporaries included): the reference that the fused passes of {@link Sgd}, {@link Adam} and
 * {@link io.snn4j.core.optim.AdamW} are tested and benchmarked against. Not for training: each
 * update makes 4–8 passes over memory where the fused one makes one.
 */
public final class ReferenceUpdates {
    private ReferenceUpdates() {
    }

    /**
     * {@code torch.optim.SGD} on one parameter, in place: {@code d = g + wd·p}; with momentum
     * {@code buf = d} (first update, when {@code buf} is null) or {@code buf = μ·buf + (1−dampening)·d},
     * {@code d = buf} or {@code d + μ·buf} (Nesterov); {@code p = p − lr·d}. Returns the momentum
     * buffer (null without momentum).
     */
    public static INDArray sgd(INDArray p, INDArray grad, INDArray buf, Sgd.Options o, double lr, double weightDecay) {
        INDArray d = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
        double mu = o.momentum();
        if (mu != 0) {
            if (buf == null) {
                buf = d.dup();
            } else {
                buf.muli(mu).addi(o.dampening() == 0 ? d : d.mul(1 - o.dampening()));
            }
            d = o.nesterov() ? d.add(buf.mul(mu)) : buf;
        }
        p.subi(d.mul(lr));
        return buf;
    }

    /**
     * {@code torch.optim.Adam} ({@code decoupled = false}, L2 in the gradient) or {@code AdamW}
     * ({@code decoupled = true}: {@code p = p·(1 − lr·wd)} first) on one parameter, in place, as update
     * number {@code t} (1-based) with state {@code m}, {@code v} (zeros before the first update):
     * {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
     * {@code p = p − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + ε)}.
     */
    public static void adam(INDArray p, INDArray grad, INDArray m, INDArray v, long t, Adam.Options o, double lr,
                            double weightDecay, boolean decoupled) {
        INDArray g = grad;
        if (weightDecay != 0) {
            if (decoupled) {
                p.muli(1 - lr * weightDecay);
            } else {
                g = grad.add(p.mul(weightDecay));
            }
        }
        double b1 = o.beta1();
        double b2 = o.beta2();
        m.muli(b1).addi(g.mul(1 - b1));
        v.muli(b2).addi(g.mul(g).muli(1 - b2));
        double stepSize = lr / (1 - Math.pow(b1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        INDArray denom = Transforms.sqrt(v, true).divi(bc2Sqrt).addi(o.eps());
        p.subi(m.div(denom).muli(stepSize));
    }

    /**
     * {@code torch.nn.utils.clip_grad_norm_}: the global L2 norm of {@code grads} (per-array norms
     * combined), and every gradient multiplied in place by {@code maxNorm/(norm + 1e-6)} when that is
     * below 1. Returns the norm.
     */
    public static double clipGradNorm(List<INDArray> grads, double maxNorm) {
        double sumSq = 0;
        for (INDArray g : grads) {
            double n = g.norm2Number().doubleValue();
            sumSq += n * n;
        }
        double norm = Math.sqrt(sumSq);
        double coef = maxNorm / (norm + 1e-6);
        if (Double.isFinite(norm) && coef < 1) {
            for (INDArray g : grads) {
                g.muli(coef);
            }
        }
        return norm;
    }
}
