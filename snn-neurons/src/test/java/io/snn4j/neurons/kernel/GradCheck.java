package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central finite differences (eps 1e-6) and the relative-error criterion of ND4J-NOTES. */
final class GradCheck {

    static final double EPS = 1e-6;
    static final double MAX_REL = 1e-5;

    private GradCheck() {
    }

    /** Numerical dL/dp[i] for every i, perturbing {@code p} in place (restored afterwards). */
    static double[] numeric(double[] p, ToDoubleFunction<double[]> loss) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + EPS;
            double up = loss.applyAsDouble(p);
            p[i] = keep - EPS;
            double down = loss.applyAsDouble(p);
            p[i] = keep;
            g[i] = (up - down) / (2 * EPS);
        }
        return g;
    }

    static void assertAgree(String what, double[] analytic, double[] numeric) {
        assertTrue(analytic.length == numeric.length, what + ": lengths differ");
        double maxAbs = 0;
        for (double v : analytic) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs > 1e-3, what + ": gradient is (near) zero everywhere; the check would be vacuous");
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i];
            double n = numeric[i];
            double denom = Math.abs(a) + Math.abs(n);
            if (denom < 1e-9) {
                continue;
            }
            double rel = Math.abs(a - n) / denom;
            assertTrue(rel <= MAX_REL, what + "[" + i + "]: analytic " + a + " numeric " + n + " rel " + rel);
        }
    }

    static double[] uniform(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    static INDArray arr(double[] v, long... shape) {
        return Nd4j.create(v, shape, 'c').castTo(DataType.DOUBLE);
    }

    static double[] vals(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
