package io.snn4j.core.functional;

import static io.snn4j.core.functional.NativeOps.c;
import static io.snn4j.core.functional.NativeOps.shape;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax and log-softmax along one axis (PyTorch {@code F.softmax}/{@code F.log_softmax}): libnd4j
 * {@code softmax} forward (max-shifted), a max-shifted log-sum-exp forward for log-softmax (the native
 * {@code log_softmax} underflows to −∞), and the native {@code softmax_bp}/{@code log_softmax_bp} backward.
 */
public final class Activations {
    private Activations() {
    }

    /** {@code exp(x_i) / Σ_j exp(x_j)} along {@code axis} (negative counts from the end). */
    public static Tensor softmax(Tensor x, int axis) {
        return run("softmax", x, axis);
    }

    /** {@code x_i − log Σ_j exp(x_j)} along {@code axis} (negative counts from the end). */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return run("log_softmax", x, axis);
    }

    private static Tensor run(String op, Tensor x, int axis) {
        int r = x.rank();
        int a = axis < 0 ? axis + r : axis;
        if (r == 0 || a < 0 || a >= r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + shape(x));
        }
        INDArray xv = c(x.value());
        int[] iargs = {a};
        INDArray y;
        if (op.equals("softmax")) {
            y = Nd4j.create(x.dataType(), x.shape());
            NativeOps.exec(op, new INDArray[] {xv}, new INDArray[] {y}, iargs);
        } else {
            // libnd4j's log_softmax forward is log(softmax(x)): -inf once exp(x_i - max) underflows
            // (e.g. FLOAT logits 2000 apart). Use x - max - log Σ exp(x - max) instead.
            INDArray shifted = xv.sub(xv.max(true, a));
            INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, a), false);
            y = shifted.subi(lse);
        }
        return Tensor.record(op, y, g -> {
            INDArray gx = Nd4j.create(xv.dataType(), xv.shape());
            NativeOps.exec(op + "_bp", new INDArray[] {xv, c(g[0])}, new INDArray[] {gx}, iargs);
            return new INDArray[] {gx};
        }, x);
    }
}
