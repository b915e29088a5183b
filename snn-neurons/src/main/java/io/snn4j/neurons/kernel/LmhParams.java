package io.snn4j.neurons.kernel;

/**
 * The four raw learnable scalars of an LM-H layer (Hao et al., ICLR 2024; docs/spec.md §4), all 0 at
 * init: {@code μD = σ(a1) − 0.5, μS = σ(b1) − 0.5, λS = σ(a2) + 0.5, λD = σ(b2) + 0.5}.
 */
public record LmhParams(double a1, double b1, double a2, double b2) {

    public LmhParams {
        check("a1", a1);
        check("b1", b1);
        check("a2", a2);
        check("b2", b2);
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }

    /** All zeros: the IF-with-soft-reset starting point of the paper's progressive training. */
    public static LmhParams init() {
        return new LmhParams(0, 0, 0, 0);
    }

    public double muD() {
        return sigmoid(a1) - 0.5;
    }

    public double muS() {
        return sigmoid(b1) - 0.5;
    }

    public double lambdaS() {
        return sigmoid(a2) + 0.5;
    }

    public double lambdaD() {
        return sigmoid(b2) + 0.5;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** σ'(x) = σ(x)(1 − σ(x)). */
    static double sigmoidGrad(double x) {
        double s = sigmoid(x);
        return s * (1.0 - s);
    }
}
