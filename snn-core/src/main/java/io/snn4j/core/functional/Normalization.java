package io.snn4j.core.functional;

import static io.snn4j.core.functional.NativeOps.c;
import static io.snn4j.core.functional.NativeOps.shape;

import java.util.Arrays;

import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation over the channel axis 1 (PyTorch {@code F.batch_norm}) as fused per-channel passes
 * ({@link BatchNormKernel}): training forward reads x twice (statistics, then {@code y = x·a + b}), backward
 * reads g and x twice (the sums {@code Σg}, {@code Σg·x̂}, then dL/dx with the batch-statistics terms) and
 * skips the second pass when x needs no gradient; eval mode is the affine map with the running statistics.
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
        INDArray xv = c(x.value());
        BatchNormKernel k = new BatchNormKernel(xv.shape());
        long count = k.count();
        if (training && count < 2) {
            throw new IllegalArgumentException(op + ": training needs more than one value per channel, got input shape "
                    + shape(x));
        }
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException(op + ": eval mode needs runningMean and runningVar");
        }
        double[] gam = new double[(int) ch];
        double[] bet = new double[(int) ch];
        if (gamma == null) {
            Arrays.fill(gam, 1.0);
        } else {
            toDoubles(gamma.value(), gam);
        }
        if (beta != null) {
            toDoubles(beta.value(), bet);
        }
        // y = (x − μ)·γ/σ + β = (x − μ)·a + β per channel
        double[] mean = new double[(int) ch];
        double[] var = new double[(int) ch];
        double[] invStd = new double[(int) ch];
        double[] a = new double[(int) ch];
        BatchNormKernel.ChannelStep coefficients = i -> {
            invStd[i] = 1.0 / Math.sqrt(var[i] + eps);
            a[i] = gam[i] * invStd[i];
        };
        INDArray y = BufferPool.uninitialized(x.dataType(), x.shape());
        if (training) {
            // statistics, coefficients and the affine map channel by channel in one pass
            k.normalize(xv, mean, var, coefficients, a, bet, y);
            if (runningMean != null) {
                blend(runningMean, mean, 1 - momentum, momentum);
            }
            if (runningVar != null) {
                blend(runningVar, var, 1 - momentum, momentum * count / (count - 1));
            }
        } else {
            toDoubles(runningMean, mean);
            toDoubles(runningVar, var);
            for (int i = 0; i < ch; i++) {
                coefficients.run(i);
            }
            k.affine(xv, mean, a, bet, y);
        }
        Tensor[] inputs = {x, gamma, beta};
        return Tensor.record(op, y, g -> {
            INDArray gv = c(g[0]);
            double[] sumG = new double[(int) ch];
            double[] sumGxc = new double[(int) ch];
            boolean affineGrads = gamma != null && gamma.requiresGrad() || beta != null && beta.requiresGrad();
            // training with dx: the sums, coefficients and dx channel by channel in one pass
            boolean fused = training && x.requiresGrad();
            if (affineGrads && !fused) {
                k.gradSums(gv, xv, mean, sumG, sumGxc);
            }
            INDArray dx = null;
            if (x.requiresGrad()) {
                // training: dx = γ/σ·(g − mean(g) − x̂·mean(g·x̂)); eval (μ, σ constants): dx = γ/σ·g
                double[] k1 = new double[(int) ch];
                double[] k2 = new double[(int) ch];
                double[] k3 = new double[(int) ch];
                BatchNormKernel.ChannelStep gradCoefficients = i -> {
                    k1[i] = a[i];
                    if (training) {
                        k2[i] = -a[i] * invStd[i] * invStd[i] * sumGxc[i] / count;
                        k3[i] = -a[i] * sumG[i] / count;
                    }
                };
                dx = BufferPool.uninitialized(xv.dataType(), xv.shape());
                if (fused) {
                    k.gradient(gv, xv, mean, sumG, sumGxc, gradCoefficients, k1, k2, k3, dx);
                } else {
                    for (int i = 0; i < ch; i++) {
                        gradCoefficients.run(i);
                    }
                    k.gradInput(gv, xv, mean, k1, k2, k3, dx);
                }
            }
            double[] dGamma = new double[(int) ch];
            for (int i = 0; i < ch; i++) {
                dGamma[i] = sumGxc[i] * invStd[i];
            }
            return grads(inputs, dx, vector(dGamma, xv.dataType()), vector(sumG, xv.dataType()));
        }, inputs);
    }

    /**
     * {@code running = keep·running + take·batch} in place, in double and rounded once: through the array's NIO view
     * ({@link DoubleRows}) when it is dense (no ND4J op: four of those per call cost more than the small
     * layers' normalisation itself), else with ND4J ops.
     */
    private static void blend(INDArray running, double[] batch, double keep, double take) {
        if (!DoubleRows.accepts(running)) {
            INDArray b = Nd4j.createFromArray(batch).muli(take).castTo(running.dataType());
            running.muli(keep).addi(b);
            return;
        }
        DoubleRows ra = DoubleRows.of(running, "batchNorm running statistics");
        double[] r = new double[batch.length];
        float[] scratch = new float[batch.length];
        ra.get(0, r, batch.length, scratch);
        for (int c = 0; c < batch.length; c++) {
            r[c] = keep * r[c] + take * batch[c];
        }
        ra.put(0, r, batch.length, scratch);
    }

    private static INDArray vector(double[] v, DataType type) {
        if (type == DataType.FLOAT) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return Nd4j.createFromArray(f);
        }
        return type == DataType.DOUBLE ? Nd4j.createFromArray(v) : Nd4j.createFromArray(v).castTo(type);
    }

    private static void toDoubles(INDArray v, double[] dst) {
        if (DoubleRows.accepts(v)) {
            DoubleRows.of(v, "batchNorm").get(0, dst, dst.length, new float[dst.length]);
        } else {
            // one bulk copy: getDouble(i) per element costs a native call each (≈ 0.2 ms for 512 channels)
            System.arraycopy(v.toDoubleVector(), 0, dst, 0, dst.length);
        }
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
