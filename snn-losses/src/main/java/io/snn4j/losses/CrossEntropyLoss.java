package io.snn4j.losses;

import io.snn4j.core.autograd.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the softmax cross-entropy losses over {@code O[T, B, K]} (SDT, TET, TET-S, LTS; docs/spec.md §6): CE averaged
 * over the batch, optional label smoothing {@code ŷ = (1 − ε)·onehot(y) + ε/K}, computed with a stable
 * log-softmax and recorded as one fused op with its exact gradient.
 */
public abstract class CrossEntropyLoss implements SpikingLoss {
    private final double epsilon;

    CrossEntropyLoss(double epsilon) {
        this.epsilon = Checks.epsilon(epsilon);
    }

    /** The label-smoothing ε in [0, 1) (0 = plain one-hot targets). */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public final Tensor loss(Tensor outputs, int[] labels) {
        String who = getClass().getSimpleName();
        int[] tbk = Checks.outputsShape(who, outputs);
        Checks.labels(who, labels, tbk);
        double[] o = Checks.toDoubles(outputs.value());
        double[] grad = FusedOp.needsGrad(outputs) ? new double[o.length] : null;
        double value = evaluate(o, tbk[0], tbk[1], tbk[2], labels, grad, 1.0);
        return FusedOp.record(name(), outputs, value, grad);
    }

    /**
     * Returns the loss of row-major logits {@code o[T·B·K]} and, when {@code grad} is non-null, adds
     * {@code scale · dL/dO} into it. Inputs are already validated.
     */
    abstract double evaluate(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale);

    /**
     * Cross-entropy of one row of logits {@code z[off .. off+K)} against the smoothed target of class {@code y};
     * when {@code grad} is non-null adds {@code gscale · (softmax(z) − ŷ)} into {@code grad[goff .. goff+K)}.
     */
    final double rowCrossEntropy(double[] z, int off, int k, int y, double[] grad, int goff, double gscale) {
        double m = Double.NEGATIVE_INFINITY;
        double sum = 0.0;
        for (int i = 0; i < k; i++) {
            m = Math.max(m, z[off + i]);
            sum += z[off + i];
        }
        double se = 0.0;
        for (int i = 0; i < k; i++) {
            se += Math.exp(z[off + i] - m);
        }
        double lse = m + Math.log(se);
        // CE = −Σ ŷ_i (z_i − lse) = lse − (1 − ε)·z_y − (ε/K)·Σ z_i, since Σ ŷ_i = 1
        double ce = lse - (1.0 - epsilon) * z[off + y] - epsilon / k * sum;
        if (grad != null) {
            double offTarget = epsilon / k;
            for (int i = 0; i < k; i++) {
                double p = Math.exp(z[off + i] - lse);
                double target = (i == y ? 1.0 - epsilon : 0.0) + offTarget;
                grad[goff + i] += gscale * (p - target);
            }
        }
        return ce;
    }

    /**
     * {@code (1/divisor)·Σ_t Σ_j CE(O[t, j], y_j)}: the per-step cross-entropy summed over steps and samples and
     * divided by {@code divisor} (B·T: TET's mean over steps; B: the membrane cross-entropy's sum over steps), with
     * {@code scale/divisor · (softmax − ŷ)} added into {@code grad} when it is non-null.
     */
    final double perStepCrossEntropy(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale,
                                     double divisor) {
        double c = scale / divisor;
        double total = 0.0;
        for (int s = 0; s < t; s++) {
            for (int j = 0; j < b; j++) {
                int off = (s * b + j) * k;
                total += rowCrossEntropy(o, off, k, labels[j], grad, off, c);
            }
        }
        return total / divisor;
    }

    /**
     * {@code (1/B)·Σ_j CE(Σ_t O[t, j] / stepDivisor, y_j)}: the cross-entropy of a time aggregate (stepDivisor T: the
     * time mean, SDT; 1: the spike count, rate coding), whose gradient reaches every step alike:
     * {@code dL/dO[s] = scale/(B·stepDivisor) · (softmax − ŷ)}.
     */
    final double aggregateCrossEntropy(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale,
                                       int stepDivisor) {
        double[] agg = new double[k];
        double[] gAgg = grad == null ? null : new double[k];
        double c = scale / ((double) b * stepDivisor);
        double total = 0.0;
        for (int j = 0; j < b; j++) {
            sumOverTime(o, t, b, k, j, agg);
            if (stepDivisor != 1) {
                for (int i = 0; i < k; i++) {
                    agg[i] /= stepDivisor;
                }
            }
            if (gAgg != null) {
                java.util.Arrays.fill(gAgg, 0.0);
            }
            total += rowCrossEntropy(agg, 0, k, labels[j], gAgg, 0, 1.0);
            if (grad != null) {
                for (int s = 0; s < t; s++) {
                    int off = (s * b + j) * k;
                    for (int i = 0; i < k; i++) {
                        grad[off + i] += c * gAgg[i];
                    }
                }
            }
        }
        return total / b;
    }

    /** argmax over K of the time-mean logits (SDT/TET rule); ties go to the lower class index. */
    static int[] argmaxOfTimeMean(String who, INDArray outputs) {
        int[] tbk = Checks.outputsShape(who, outputs);
        int t = tbk[0];
        int b = tbk[1];
        int k = tbk[2];
        double[] o = Checks.toDoubles(outputs);
        int[] pred = new int[b];
        double[] mean = new double[k];
        for (int j = 0; j < b; j++) {
            sumOverTime(o, t, b, k, j, mean);
            pred[j] = argmax(mean, 0, k);
        }
        return pred;
    }

    /** {@code out[i] = Σ_t O[t, j, i]} for sample j of row-major logits {@code o[T·B·K]}. */
    static void sumOverTime(double[] o, int t, int b, int k, int j, double[] out) {
        java.util.Arrays.fill(out, 0, k, 0.0);
        for (int s = 0; s < t; s++) {
            int off = (s * b + j) * k;
            for (int i = 0; i < k; i++) {
                out[i] += o[off + i];
            }
        }
    }

    /** argmax over K of the last step's logits (LTS rule); ties go to the lower class index. */
    static int[] argmaxOfLastStep(String who, INDArray outputs) {
        int[] tbk = Checks.outputsShape(who, outputs);
        int b = tbk[1];
        int k = tbk[2];
        double[] o = Checks.toDoubles(outputs);
        int[] pred = new int[b];
        for (int j = 0; j < b; j++) {
            pred[j] = argmax(o, ((tbk[0] - 1) * b + j) * k, k);
        }
        return pred;
    }

    private static int argmax(double[] a, int off, int k) {
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (a[off + i] > a[off + best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(epsilon=" + epsilon + ")";
    }
}
