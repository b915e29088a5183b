package io.snn4j.core.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** FLOAT (oneDNN kernels where available) against the DOUBLE (generic kernels) path, forward and backward. */
class FloatMatchesDoubleTest {
    static final double REL = 1e-4;
    static final double ABS = 1e-5;

    /** Runs {@code f} on DOUBLE and FLOAT copies of {@code inputs}; compares outputs and every input gradient. */
    static void assertFloatMatchesDouble(Function<Tensor[], Tensor> f, INDArray... inputs) {
        Tensor[] d = new Tensor[inputs.length];
        Tensor[] s = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            d[i] = Tensor.variable(inputs[i].castTo(DataType.DOUBLE));
            s[i] = Tensor.variable(inputs[i].castTo(DataType.FLOAT));
        }
        Tensor yd = f.apply(d);
        Tensor ys = f.apply(s);
        assertTrue(ys.dataType() == DataType.FLOAT, "float path stays FLOAT");
        assertClose("output", yd.value(), ys.value());
        INDArray seed = Init.uniform(DataType.DOUBLE, yd.shape(), -1, 1, new SplittableRandom(99));
        yd.backward(seed);
        ys.backward(seed.castTo(DataType.FLOAT));
        for (int i = 0; i < inputs.length; i++) {
            assertClose("gradient of input " + i, d[i].grad(), s[i].grad());
        }
    }

    static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.dup('c').reshape(expected.length()).toDoubleVector();
        double[] a = actual.dup('c').reshape(actual.length()).toDoubleVector();
        for (int k = 0; k < e.length; k++) {
            double diff = Math.abs(e[k] - a[k]);
            if (diff > ABS + REL * Math.abs(e[k])) {
                throw new AssertionError(what + " element " + k + ": double " + e[k] + ", float " + a[k]);
            }
        }
    }

    static INDArray rand(long seed, long... shape) {
        return Init.uniform(DataType.DOUBLE, shape, -1, 1, new SplittableRandom(seed));
    }

    @Test
    void conv2dFloatMatchesDouble() {
        assertFloatMatchesDouble(t -> Convolution.conv2d(t[0], t[1], t[2], 1, 1), rand(1, 2, 3, 8, 8), rand(2, 4, 3, 3, 3), rand(3, 4));
        assertFloatMatchesDouble(t -> Convolution.conv2d(t[0], t[1], null, 2, 0), rand(4, 2, 3, 9, 9), rand(5, 5, 3, 3, 3));
    }

    @Test
    void poolingFloatMatchesDouble() {
        assertFloatMatchesDouble(t -> Pooling.avgPool2d(t[0], 2, 2, 0), rand(1, 2, 3, 8, 8));
        assertFloatMatchesDouble(t -> Pooling.avgPool2d(t[0], 3, 2, 1), rand(2, 2, 3, 7, 7));
        assertFloatMatchesDouble(t -> Pooling.maxPool2d(t[0], 2, 2, 0), rand(3, 2, 3, 8, 8));
        assertFloatMatchesDouble(t -> Pooling.maxPool2d(t[0], 3, 2, 1), rand(4, 2, 3, 7, 7));
    }

    @Test
    void batchNormFloatMatchesDoubleInTrainingAndEval() {
        assertFloatMatchesDouble(t -> Normalization.batchNorm(t[0], t[1], t[2], null, null, true, 0.1, 1e-5),
                rand(1, 4, 3, 5, 5), rand(2, 3), rand(3, 3));
        INDArray rm = rand(4, 3);
        INDArray rv = rand(5, 3).addi(2);
        assertFloatMatchesDouble(t -> Normalization.batchNorm(t[0], t[1], t[2], rm.castTo(t[0].dataType()),
                rv.castTo(t[0].dataType()), false, 0.1, 1e-5), rand(6, 4, 3, 5, 5), rand(7, 3), rand(8, 3));
        assertFloatMatchesDouble(t -> Normalization.batchNorm(t[0], t[1], t[2], null, null, true, 0.1, 1e-5),
                rand(9, 6, 5), rand(10, 5), rand(11, 5));
    }

    @Test
    void runningStatisticsUpdateAgreesBetweenFloatAndDouble() {
        INDArray x = rand(1, 4, 3, 5, 5).muli(3).addi(1);
        INDArray rmD = Nd4j.zeros(DataType.DOUBLE, 3);
        INDArray rvD = Nd4j.ones(DataType.DOUBLE, 3);
        INDArray rmF = Nd4j.zeros(DataType.FLOAT, 3);
        INDArray rvF = Nd4j.ones(DataType.FLOAT, 3);
        Normalization.batchNorm(Tensor.constant(x), null, null, rmD, rvD, true, 0.1, 1e-5);
        Normalization.batchNorm(Tensor.constant(x.castTo(DataType.FLOAT)), null, null, rmF, rvF, true, 0.1, 1e-5);
        assertClose("running mean", rmD, rmF);
        assertClose("running var", rvD, rvF);
    }
}
