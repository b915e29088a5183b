package io.snn4j.core.functional;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The quantisation-clip-floor-shift activation of QCFS (Bu et al., ICLR 2022, eq. 12; the ANN half of LM-H's
 * hybrid training, Hao et al. ICLR 2024 Table 2):
 * {@code a = λ/L · clip(floor(z·L/λ + 1/2), 0, L)} with a learnable threshold λ &gt; 0 (one scalar per layer)
 * and L quantisation levels.
 *
 * <p>Backward, as the QCFS reference code ({@code myfloor} with {@code GradFloor}) computes it: the floor is
 * replaced by the identity (straight-through estimator), the clip passes the gradient where
 * {@code 0 ≤ n ≤ L} with {@code n = floor(z·L/λ + 1/2)} (inclusive, as {@code torch.clamp}), and everything
 * else is differentiated exactly:
 * <pre>
 *   ∂a/∂z = 1[0 ≤ n ≤ L]
 *   ∂a/∂λ = clip(n, 0, L)/L − 1[0 ≤ n ≤ L]·z/λ     (= 1 above the range, 0 below it)
 * </pre>
 * So {@code ∂a/∂z} is 1 on {@code −λ/2L ≤ z < λ + λ/2L} and 0 elsewhere, and {@code ∂a/∂λ} is minus the
 * quantisation error {@code (n/L − z/λ)} inside that range. Outside the range these are the exact derivatives;
 * inside, they are the exact derivatives of {@code λ/L · clip(z·L/λ + 1/2 + d, 0, L)} with the rounding offset
 * {@code d = n − (z·L/λ + 1/2)} held constant, which is what the tests check by finite differences.
 */
public final class Qcfs {
    private Qcfs() {
    }

    /**
     * @param z      pre-activations, any shape, FLOAT or DOUBLE
     * @param lambda the threshold λ, one element, same data type, {@code > 0}
     * @param levels L ≥ 1
     */
    public static Tensor apply(Tensor z, Tensor lambda, int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("QCFS: levels L must be >= 1, got " + levels);
        }
        if (lambda.length() != 1) {
            throw new IllegalArgumentException("QCFS: the threshold lambda must have one element, got shape "
                    + Arrays.toString(lambda.shape()));
        }
        NativeOps.sameType("QCFS", z, lambda, "lambda");
        double lam = lambda.value().getDouble(0);
        if (!(lam > 0) || Double.isInfinite(lam)) {
            throw new IllegalArgumentException("QCFS: the threshold lambda must be finite and > 0, got " + lam);
        }
        DataType type = z.dataType();
        INDArray zv = z.value();
        INDArray n = Transforms.floor(zv.mul(levels / lam).addi(0.5), false);         // floor(z·L/λ + 1/2)
        INDArray inRange = n.gte(0.0).castTo(type).muli(n.lte((double) levels).castTo(type));
        INDArray clipped = Transforms.min(Transforms.max(n, 0.0, false), (double) levels, false);  // clip(n, 0, L)
        INDArray a = clipped.mul(lam / levels);
        long[] lamShape = lambda.shape();
        return Tensor.record("qcfs", a, g -> {
            INDArray gz = g[0].mul(inRange);
            // ∂a/∂λ = clip(n)/L − 1[0 ≤ n ≤ L]·z/λ, summed over all elements
            INDArray dl = clipped.div(levels).subi(inRange.mul(zv).divi(lam));
            double gl = g[0].mul(dl).sumNumber().doubleValue();
            return new INDArray[] {gz, Nd4j.scalar(type, gl).reshape(lamShape)};
        }, z, lambda);
    }
}
