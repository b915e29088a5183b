package io.snn4j.core.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
        checkMaxNorm(maxNorm);
        List<INDArray> grads = new ArrayList<>();
        for (Tensor p : params) {
            if (p.grad() != null) {
                grads.add(p.grad());
            }
        }
        double norm = Math.sqrt(ElementwisePass.sumOfSquares(grads));
        double coef = factor(norm, maxNorm);
        if (coef != 1) {
            for (INDArray g : grads) {
                g.muli(coef);
            }
        }
        return norm;
    }

    /**
     * The factor every gradient is multiplied by: {@code maxNorm / (norm + 1e-6)} when that is below
     * 1, else 1 (also for a non-finite norm, which is left for the caller to report).
     */
    static double factor(double norm, double maxNorm) {
        if (!Double.isFinite(norm)) {
            return 1;
        }
        double coef = maxNorm / (norm + 1e-6);
        return coef < 1 ? coef : 1;
    }

    static void checkMaxNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGlobalNorm: maxNorm must be finite and > 0, got " + maxNorm);
        }
    }
}
