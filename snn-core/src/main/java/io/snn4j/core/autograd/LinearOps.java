package io.snn4j.core.autograd;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matrix products (ND4J GEMM) and the affine map of a linear layer, with their gradients. */
public final class LinearOps {
    private LinearOps() {
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " do not multiply (need [m,k] x [k,n])");
        }
        checkType("matmul", a, b);
        INDArray av = a.value();
        INDArray bv = b.value();
        INDArray out = av.mmul(bv);
        return Tensor.record("matmul", out, g -> new INDArray[] {
            a.requiresGrad() ? g[0].mmul(bv.transpose()) : null,
            b.requiresGrad() ? av.transpose().mmul(g[0]) : null}, a, b);
    }

    /**
     * {@code y = x · Wᵀ + b} for {@code x [..., in]}, {@code W [out, in]}, {@code b [out]} (nullable);
     * leading dimensions (time, batch) are folded into one GEMM.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        long[] xs = x.shape();
        long in = weight.size(1);
        long outF = weight.size(0);
        if (weight.rank() != 2 || xs[xs.length - 1] != in) {
            throw new IllegalArgumentException("linear: input shape " + Arrays.toString(xs) + " does not match weight shape "
                    + Arrays.toString(weight.shape()) + " (last input dimension must equal in_features)");
        }
        if (bias != null && (bias.rank() != 1 || bias.size(0) != outF)) {
            throw new IllegalArgumentException("linear: bias shape " + Arrays.toString(bias.shape())
                    + " does not match weight shape " + Arrays.toString(weight.shape()));
        }
        checkType("linear", x, weight);
        INDArray x2 = x.value().reshape('c', x.length() / in, in);
        INDArray w = weight.value();
        INDArray y2 = Nd4j.gemm(x2, w, false, true);
        if (bias != null) {
            y2.addiRowVector(bias.value());
        }
        long[] ys = xs.clone();
        ys[ys.length - 1] = outF;
        INDArray y = y2.reshape('c', ys);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.record("linear", y, g -> {
            INDArray g2 = g[0].reshape('c', x2.size(0), outF);
            INDArray[] r = new INDArray[inputs.length];
            r[0] = x.requiresGrad() ? Nd4j.gemm(g2, w, false, false).reshape('c', xs) : null;
            r[1] = weight.requiresGrad() ? Nd4j.gemm(g2, x2, true, false) : null;
            if (bias != null) {
                r[2] = bias.requiresGrad() ? g2.sum(0) : null;
            }
            return r;
        }, inputs);
    }

    static void checkType(String op, Tensor a, Tensor b) {
        if (a.dataType() != b.dataType()) {
            throw new IllegalArgumentException(op + ": data types differ: " + a.dataType() + " and " + b.dataType());
        }
    }
}
