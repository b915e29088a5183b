package io.snn4j.core.autograd;

import java.util.function.DoubleUnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The spike non-linearity as an autograd op: forward the strict Heaviside step {@code 1[x > 0]},
 * backward a surrogate derivative {@code g'(x)} (docs/spec.md §1). This per-element op is what the
 * plain, unfused reference neurons are built from; the fused kernels in snn-neurons compute the
 * same thing over a whole {@code [T, N]} block in one pass.
 */
public final class SpikeOps {
    private SpikeOps() {
    }

    /** {@code 1[x > 0]} with {@code d/dx} replaced by {@code surrogateGrad(x)}. */
    public static Tensor heaviside(Tensor x, DoubleUnaryOperator surrogateGrad) {
        INDArray xv = x.value();
        INDArray out = xv.gt(0.0).castTo(xv.dataType());
        return Tensor.record("heaviside", out, g -> {
            INDArray d = derivative(xv, surrogateGrad);
            return new INDArray[] {g[0].mul(d)};
        }, x);
    }

    private static INDArray derivative(INDArray x, DoubleUnaryOperator f) {
        double[] v = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return Nd4j.create(v, x.shape(), DataType.DOUBLE).castTo(x.dataType());
    }
}
