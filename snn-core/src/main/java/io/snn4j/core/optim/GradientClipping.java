package io.snn4j.core.optim;

import java.util.Collection;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Gradient clipping by global L2 norm, PyTorch {@code torch.nn.utils.clip_grad_norm_} semantics. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Computes the L2 norm of all gradients together (tensors without a gradient are ignored) and,
     * when {@code maxNorm / (norm + 1e-6) < 1}, multiplies every gradient in place by that factor.
     * Returns the norm before clipping. A non-finite norm (NaN/Inf gradients) is returned without
     * scaling anything, so the caller can report it (PyTorch's default would spread NaN into every
     * gradient).
     */
    public static double clipGlobalNorm(Collection<? extends Tensor> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGlobalNorm: maxNorm must be finite and > 0, got " + maxNorm);
        }
        double sumSq = 0;
        for (Tensor p : params) {
            INDArray g = p.grad();
            if (g != null) {
                double n = g.norm2Number().doubleValue();
                sumSq += n * n;
            }
        }
        double norm = Math.sqrt(sumSq);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Tensor p : params) {
                INDArray g = p.grad();
                if (g != null) {
                    g.muli(coef);
                }
            }
        }
        return norm;
    }
}
