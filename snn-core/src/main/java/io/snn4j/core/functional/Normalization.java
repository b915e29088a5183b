package io.snn4j.core.functional;

import static io.snn4j.core.functional.NativeOps.c;
import static io.snn4j.core.functional.NativeOps.shape;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the channel axis 1 (PyTorch {@code F.batch_norm}): libnd4j
 * {@code batchnorm} forward; in training mode {@code batchnorm_bp} backward (its dX contains the
 * batch-statistics terms), in eval mode the affine gradient of the frozen normalisation.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * Normalises {@code x [N, C, ...]} (rank ≥ 2) per channel and applies {@code gamma [C]},
     * {@code beta [C]} (each nullable: 1 and 0).
     *
     * <p>Training: uses the batch mean and the <em>biased</em> batch variance over every axis but 1,
     * and updates the running statistics in place: {@code running = (1 − momentum)·running +
     * momentum·batch}, with the <em>unbiased</em> batch variance for {@code runningVar} (PyTorch).
     * Needs more than one value per channel. Eval: normalises with the running statistics, which are
     * left untouched. The running arrays are {@code [C]} of the input's data type.
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, INDArray runningMean, INDArray runningVar,
                                   boolean training, double momentum, double eps) {
        String op = "batchNorm";
        if (x.rank() < 2) {
            throw new IllegalArgumentException(op + ": input must be [N, C, ...], got shape " + shape(x));
        }
        long ch = x.size(1);
        checkChannelVector(op, "gamma", gamma == null ? null : gamma.shape(), x, ch);
        checkChannelVector(op, "beta", beta == null ? null : beta.shape(), x, ch);
        checkChannelVector(op, "runningMean", runningMean == null ? null : runningMean.shape(), x, ch);
        checkChannelVector(op, "runningVar", runningVar == null ? null : runningVar.shape(), x, ch);
        NativeOps.sameType(op, x, gamma, "gamma");
        NativeOps.sameType(op, x, beta, "beta");
        if (!(eps > 0)) {
            throw new IllegalArgumentException(op + ": eps must be > 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(op + ": momentum must be in [0, 1], got " + momentum);
        }
        int[] axes = new int[x.rank() - 1];
        axes[0] = 0;
        for (int i = 2; i < x.rank(); i++) {
            axes[i - 1] = i;
        }
        long count = x.length() / ch;
        INDArray xv = c(x.value());
        INDArray mean;
        INDArray var;
        if (training) {
            if (count < 2) {
                throw new IllegalArgumentException(op + ": training needs more than one value per channel, got input shape "
                        + shape(x));
            }
            mean = xv.mean(axes);
            var = xv.var(false, axes);
            if (runningMean != null) {
                // mul (not muli): castTo returns the same array when the types agree, and mean is still needed
                runningMean.muli(1 - momentum).addi(mean.mul(momentum).castTo(runningMean.dataType()));
            }
            if (runningVar != null) {
                INDArray unbiased = var.mul(momentum * count / (count - 1)).castTo(runningVar.dataType());
                runningVar.muli(1 - momentum).addi(unbiased);
            }
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException(op + ": eval mode needs runningMean and runningVar");
            }
            mean = c(runningMean.castTo(x.dataType()));
            var = c(runningVar.castTo(x.dataType()));
        }
        INDArray gv = gamma == null ? Nd4j.ones(x.dataType(), ch) : c(gamma.value());
        INDArray bv = beta == null ? Nd4j.zeros(x.dataType(), ch) : c(beta.value());
        int[] iargs = {1, 1, 1};
        INDArray y = Nd4j.create(x.dataType(), x.shape());
        NativeOps.exec("batchnorm", new INDArray[] {xv, mean, var, gv, bv}, new INDArray[] {y}, iargs, eps);
        Tensor[] inputs = {x, gamma, beta};
        if (training) {
            return Tensor.record(op, y, g -> {
                INDArray dx = Nd4j.create(xv.dataType(), xv.shape());
                INDArray dMean = Nd4j.create(xv.dataType(), ch);
                INDArray dVar = Nd4j.create(xv.dataType(), ch);
                INDArray dGamma = Nd4j.create(xv.dataType(), ch);
                INDArray dBeta = Nd4j.create(xv.dataType(), ch);
                NativeOps.exec("batchnorm_bp", new INDArray[] {xv, mean, var, gv, bv, c(g[0])},
                        new INDArray[] {dx, dMean, dVar, dGamma, dBeta}, iargs, eps);
                return grads(inputs, dx, dGamma, dBeta);
            }, inputs);
        }
        // eval: y = (x − μ)·γ/σ + β with μ, σ constants
        long[] bshape = new long[x.rank()];
        Arrays.fill(bshape, 1);
        bshape[1] = ch;
        return Tensor.record(op, y, g -> {
            INDArray invStd = Transforms.pow(var.add(eps), -0.5, false).reshape(bshape);
            INDArray xhat = xv.sub(mean.reshape(bshape)).muli(invStd);
            INDArray dx = g[0].mul(invStd.mul(gv.reshape(bshape)));
            INDArray dGamma = g[0].mul(xhat).sum(axes);
            INDArray dBeta = g[0].sum(axes);
            return grads(inputs, dx, dGamma, dBeta);
        }, inputs);
    }

    private static INDArray[] grads(Tensor[] inputs, INDArray dx, INDArray dGamma, INDArray dBeta) {
        INDArray[] all = {dx, dGamma, dBeta};
        INDArray[] r = new INDArray[3];
        for (int i = 0; i < 3; i++) {
            r[i] = inputs[i] != null && inputs[i].requiresGrad() ? all[i] : null;
        }
        return r;
    }

    private static void checkChannelVector(String op, String name, long[] s, Tensor x, long ch) {
        if (s != null && (s.length != 1 || s[0] != ch)) {
            throw new IllegalArgumentException(op + ": " + name + " shape " + Arrays.toString(s) + " does not match input shape "
                    + shape(x) + " (need [" + ch + "])");
        }
    }
}
