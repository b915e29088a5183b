package io.snn4j.neurons.surrogate;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The spike as an autograd op (docs/spec.md §1): forward the strict Heaviside {@code 1[x > 0]},
 * backward {@code g'(x)} of a {@link Surrogate}, evaluated with the surrogate's bulk method. The
 * one Heaviside of the generic neuron path; the fused kernels compute the same in their loops.
 */
public final class SpikeOp {
    private SpikeOp() {
    }

    /** {@code 1[x > 0]} with {@code ds/dx = surrogate.grad(x)}. */
    public static Tensor heaviside(Tensor x, Surrogate surrogate) {
        INDArray xv = x.value();
        INDArray out = xv.gt(0.0).castTo(xv.dataType());
        return Tensor.record("spike[" + surrogate.name() + "]", out,
                g -> new INDArray[] {g[0].mul(surrogateGrad(xv, surrogate))}, x);
    }

    /** {@code g'(x)} elementwise, in x's data type (FLOAT or DOUBLE). */
    public static INDArray surrogateGrad(INDArray x, Surrogate surrogate) {
        INDArray d = x.dup('c');
        int n = Math.toIntExact(d.length());
        if (d.dataType() == DataType.DOUBLE) {
            double[] v = d.data().asDouble();
            surrogate.gradInto(v, 0, 0.0, v, 0, n);
            return Nd4j.create(v, d.shape(), 'c');
        }
        if (d.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("spike: expected FLOAT or DOUBLE, got " + d.dataType());
        }
        float[] v = d.data().asFloat();
        surrogate.gradInto(v, 0, 0f, v, 0, n);
        return Nd4j.create(v, d.shape(), 'c');
    }
}
