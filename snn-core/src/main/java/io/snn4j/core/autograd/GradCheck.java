package io.snn4j.core.autograd;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checker (central differences, DOUBLE precision).
 *
 * <p>For a function {@code f(inputs) → output} it compares the tape's gradient of
 * {@code L = Σ output ⊙ R} (R a fixed random projection, so non-scalar outputs are covered) with
 * {@code (L(x + ε) − L(x − ε)) / 2ε} for every element of every input that requires a gradient.
 * The error measure is {@code |a − n| / (|a| + |n|)}, with pairs whose absolute difference is below
 * {@code absoluteFloor} counted as equal (both near zero).
 */
public final class GradCheck {
    private final double epsilon;
    private final double tolerance;
    private final double absoluteFloor;
    private final long seed;

    private GradCheck(double epsilon, double tolerance, double absoluteFloor, long seed) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
        }
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        this.absoluteFloor = absoluteFloor;
        this.seed = seed;
    }

    /** eps 1e-6, relative tolerance 1e-5, absolute floor 1e-9, seed 42. */
    public static GradCheck defaults() {
        return new GradCheck(1e-6, 1e-5, 1e-9, 42L);
    }

    public GradCheck withEpsilon(double e) {
        return new GradCheck(e, tolerance, absoluteFloor, seed);
    }

    public GradCheck withTolerance(double t) {
        return new GradCheck(epsilon, t, absoluteFloor, seed);
    }

    public GradCheck withAbsoluteFloor(double f) {
        return new GradCheck(epsilon, tolerance, f, seed);
    }

    /** Outcome of a check: the worst relative error and where it occurred. */
    public record Result(double maxRelativeError, int worstInput, long worstIndex, double analytic, double numeric,
                         double tolerance) {
        public boolean passed() {
            return maxRelativeError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("max relative error %.3g (tolerance %.1g) at input %d element %d: analytic %.10g, numeric %.10g",
                    maxRelativeError, tolerance, worstInput, worstIndex, analytic, numeric);
        }
    }

    /** Runs the check; inputs must be DOUBLE. Inputs that do not require a gradient are held fixed. */
    public Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("gradient checks need DOUBLE inputs; input " + i + " is " + inputs[i].dataType());
            }
            inputs[i].zeroGrad();
        }
        Tensor out = f.apply(inputs);
        Random rnd = new Random(seed);
        INDArray proj = Nd4j.create(DataType.DOUBLE, out.shape());
        for (long k = 0; k < proj.length(); k++) {
            proj.putScalar(k, rnd.nextDouble() * 2 - 1);
        }
        out.backward(proj);
        double worst = 0;
        int wi = -1;
        long wk = -1;
        double wa = 0;
        double wn = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            if (!in.requiresGrad()) {
                continue;
            }
            INDArray g = in.grad() == null ? Nd4j.zeros(DataType.DOUBLE, in.shape()) : in.grad();
            INDArray v = in.value();
            for (long k = 0; k < v.length(); k++) {
                double orig = v.getDouble(k);
                v.putScalar(k, orig + epsilon);
                double lp = projected(f, inputs, proj);
                v.putScalar(k, orig - epsilon);
                double lm = projected(f, inputs, proj);
                v.putScalar(k, orig);
                double numeric = (lp - lm) / (2 * epsilon);
                double analytic = g.getDouble(k);
                double diff = Math.abs(analytic - numeric);
                double rel = diff <= absoluteFloor ? 0.0 : diff / (Math.abs(analytic) + Math.abs(numeric));
                if (rel > worst || wi < 0) {
                    worst = Math.max(worst, rel);
                    if (rel >= worst) {
                        wi = i;
                        wk = k;
                        wa = analytic;
                        wn = numeric;
                    }
                }
            }
        }
        return new Result(worst, wi, wk, wa, wn, tolerance);
    }

    /** Runs the check and throws an AssertionError describing the worst element if it fails. */
    public void assertGradientsMatch(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Result r = check(f, inputs);
        if (!r.passed()) {
            throw new AssertionError("gradient check failed: " + r + " (input shapes "
                    + Arrays.toString(Arrays.stream(inputs).map(t -> Arrays.toString(t.shape())).toArray()) + ")");
        }
    }

    private static double projected(Function<Tensor[], Tensor> f, Tensor[] inputs, INDArray proj) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return f.apply(inputs).value().mul(proj).sumNumber().doubleValue();
        }
    }
}
