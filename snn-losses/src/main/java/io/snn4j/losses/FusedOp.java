package io.snn4j.losses;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Records a scalar loss with a precomputed analytic gradient dL/dO as one tape node. */
final class FusedOp {
    private FusedOp() {
    }

    /** Whether a gradient will be needed for {@code outputs} (so the forward pass can skip computing it). */
    static boolean needsGrad(Tensor outputs) {
        return GradMode.isEnabled() && outputs.requiresGrad();
    }

    /**
     * A scalar of the outputs' data type holding {@code value}; backward returns {@code seed · grad}
     * reshaped to the outputs' shape ({@code grad} may be null when {@link #needsGrad} was false).
     */
    static Tensor record(String op, Tensor outputs, double value, double[] grad) {
        DataType dt = outputs.dataType();
        long[] shape = outputs.shape();
        INDArray v = Nd4j.scalar(dt, value);
        return Tensor.record(op, v, g -> {
            double seed = g[0].getDouble(0);
            double[] scaled = new double[grad.length];
            for (int i = 0; i < grad.length; i++) {
                scaled[i] = seed * grad[i];
            }
            INDArray ga = Nd4j.createFromArray(scaled).reshape('c', shape);
            return new INDArray[] {ga.dataType() == dt ? ga : ga.castTo(dt)};
        }, outputs);
    }
}
