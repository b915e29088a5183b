package io.snn4j.losses;

import io.snn4j.core.autograd.Tensor;

/**
 * MSE regulariser {@code L_MSE = mean over all T·B·K elements of (O − φ)²}, φ = 1.0 by default (Deng et al.,
 * ICLR 2022, eq. 12; docs/spec.md §6).
 */
public final class MseRegularizer {
    /** φ of the TET paper (= the firing threshold θ). */
    public static final double DEFAULT_PHI = 1.0;

    private final double phi;

    /** φ = 1.0. */
    public MseRegularizer() {
        this(DEFAULT_PHI);
    }

    public MseRegularizer(double phi) {
        this.phi = Checks.phi(phi);
    }

    public double phi() {
        return phi;
    }

    /** The regulariser of logits {@code [T, B, K]}: a scalar of the outputs' data type, one fused op. */
    public Tensor loss(Tensor outputs) {
        Checks.outputsShape(getClass().getSimpleName(), outputs);
        double[] o = Checks.toDoubles(outputs.value());
        double[] grad = FusedOp.needsGrad(outputs) ? new double[o.length] : null;
        double value = evaluate(o, grad, 1.0);
        return FusedOp.record("mse", outputs, value, grad);
    }

    /** The loss of row-major logits; when {@code grad} is non-null adds {@code scale · dL/dO} into it. */
    double evaluate(double[] o, double[] grad, double scale) {
        int n = o.length;
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            double d = o[i] - phi;
            total += d * d;
            if (grad != null) {
                grad[i] += scale * 2.0 * d / n;
            }
        }
        return total / n;
    }

    @Override
    public String toString() {
        return "MseRegularizer(phi=" + phi + ")";
    }
}
