package io.snn4j.core.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.core.autograd.Tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small cases worked out by hand (PyTorch semantics). */
class HandCheckedValuesTest {
    static INDArray grid(int n, double sign) {
        double[] v = new double[n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = sign * (i + 1);
        }
        return Nd4j.create(v, new long[] {1, 1, n, n}, DataType.DOUBLE);
    }

    static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    @Test
    void conv2dOfThreeByThreeGridWithTwoByTwoKernelGivesWindowDotProductsAndGradients() {
        Tensor x = Tensor.variable(grid(3, 1));
        Tensor w = Tensor.variable(Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 1, 2, 2}, DataType.DOUBLE));
        Tensor b = Tensor.variable(Nd4j.createFromArray(0.5));
        Tensor y = Convolution.conv2d(x, w, b, 1, 0);
        assertArrayEquals(new long[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new double[] {37.5, 47.5, 67.5, 77.5}, flat(y.value()), 1e-12);
        y.sum().backward();
        assertArrayEquals(new double[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, flat(x.grad()), 1e-12);
        assertArrayEquals(new double[] {12, 16, 24, 28}, flat(w.grad()), 1e-12);
        assertArrayEquals(new double[] {4}, flat(b.grad()), 1e-12);
    }

    @Test
    void conv2dWithPaddingOneSumsZeroPaddedNeighbourhoods() {
        Tensor x = Tensor.constant(grid(3, 1));
        Tensor w = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 3));
        Tensor y = Convolution.conv2d(x, w, null, 1, 1);
        assertArrayEquals(new double[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, flat(y.value()), 1e-12);
        Tensor y2 = Convolution.conv2d(x, w, null, 2, 1);
        assertArrayEquals(new double[] {12, 16, 24, 28}, flat(y2.value()), 1e-12);
    }

    @Test
    void avgPoolOfFourByFourGridAveragesWindowsAndCountsPaddingInTheDivisor() {
        Tensor x = Tensor.variable(grid(4, 1));
        assertArrayEquals(new double[] {3.5, 5.5, 11.5, 13.5}, flat(Pooling.avgPool2d(x, 2, 2, 0).value()), 1e-12);
        Tensor y = Pooling.avgPool2d(x, 3, 2, 1);
        assertArrayEquals(new double[] {14.0 / 9, 30.0 / 9, 57.0 / 9, 11}, flat(y.value()), 1e-12);
        y.sum().backward();
        // cell (1,1) lies in all four windows, cell (0,0) in one, each contributing 1/9
        assertEquals(4.0 / 9, x.grad().getDouble(0, 0, 1, 1), 1e-12);
        assertEquals(1.0 / 9, x.grad().getDouble(0, 0, 0, 0), 1e-12);
        assertEquals(1.0 / 9, x.grad().getDouble(0, 0, 3, 3), 1e-12);
    }

    @Test
    void maxPoolWithPaddingNeverPicksThePaddingAndRoutesGradientToTheArgmax() {
        Tensor x = Tensor.variable(grid(4, -1));
        Tensor y = Pooling.maxPool2d(x, 3, 2, 1);
        assertArrayEquals(new double[] {-1, -2, -5, -6}, flat(y.value()), 1e-12);
        y.sum().backward();
        double[] g = flat(x.grad());
        assertEquals(4.0, java.util.Arrays.stream(g).sum(), 1e-12);
        assertEquals(1.0, g[0]);
        assertEquals(1.0, g[1]);
        assertEquals(1.0, g[4]);
        assertEquals(1.0, g[5]);
        Tensor z = Pooling.maxPool2d(Tensor.constant(grid(4, 1)), 2, 2, 0);
        assertArrayEquals(new double[] {6, 8, 14, 16}, flat(z.value()), 1e-12);
    }

    @Test
    void globalAvgPoolAveragesEachChannel() {
        Tensor x = Tensor.constant(grid(4, 1));
        Tensor keep = Pooling.globalAvgPool(x, true);
        assertArrayEquals(new long[] {1, 1, 1, 1}, keep.shape());
        assertEquals(8.5, keep.item(), 1e-12);
        assertArrayEquals(new long[] {1, 1}, Pooling.globalAvgPool(x, false).shape());
    }

    @Test
    void batchNormOfKnownBatchNormalisesWithBiasedVarianceAndUpdatesRunningStatsWithUnbiased() {
        // channel 0: 1,2,3,4 (mean 2.5, biased var 1.25, unbiased 5/3); channel 1: 2,4,6,8 (mean 5, var 5, unbiased 20/3)
        INDArray xv = Nd4j.create(new double[] {1, 2, 2, 4, 3, 6, 4, 8}, new long[] {4, 2}, DataType.DOUBLE);
        INDArray rm = Nd4j.zeros(DataType.DOUBLE, 2);
        INDArray rv = Nd4j.ones(DataType.DOUBLE, 2);
        Tensor gamma = Tensor.variable(Nd4j.createFromArray(2.0, 1.0));
        Tensor beta = Tensor.variable(Nd4j.createFromArray(0.0, -1.0));
        Tensor y = Normalization.batchNorm(Tensor.constant(xv), gamma, beta, rm, rv, true, 0.1, 1e-5);
        double s0 = Math.sqrt(1.25 + 1e-5);
        double s1 = Math.sqrt(5 + 1e-5);
        assertEquals(2 * (1 - 2.5) / s0, y.value().getDouble(0, 0), 1e-12);
        assertEquals(2 * (4 - 2.5) / s0, y.value().getDouble(3, 0), 1e-12);
        assertEquals((2 - 5) / s1 - 1, y.value().getDouble(0, 1), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.5}, rm.toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0.9 + 0.1 * 5 / 3, 0.9 + 0.1 * 20 / 3}, rv.toDoubleVector(), 1e-12);
        y.sum().backward();
        // Σ y over the batch: dβ = N, dγ = Σ x̂ = 0
        assertArrayEquals(new double[] {4, 4}, beta.grad().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0}, gamma.grad().toDoubleVector(), 1e-9);

        Tensor e = Normalization.batchNorm(Tensor.constant(xv), null, null, rm, rv, false, 0.1, 1e-5);
        assertEquals((1 - 0.25) / Math.sqrt(0.9 + 0.5 / 3 + 1e-5), e.value().getDouble(0, 0), 1e-12);
        assertEquals((8 - 0.5) / Math.sqrt(0.9 + 2.0 / 3 + 1e-5), e.value().getDouble(3, 1), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.5}, rm.toDoubleVector(), 1e-12, "eval leaves running stats alone");
    }

    @Test
    void softmaxValuesAndLogSoftmaxStableForLargeLogits() {
        Tensor p = Activations.softmax(Tensor.constant(Nd4j.createFromArray(new double[][] {{1, 2, 3}})), -1);
        assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479767, 0.6652409557748219},
                flat(p.value()), 1e-12);
        Tensor l = Activations.logSoftmax(Tensor.constant(Nd4j.createFromArray(new double[][] {{1000, 1001, 1002}})), 1);
        assertArrayEquals(new double[] {-2.4076059644443806, -1.4076059644443806, -0.40760596444438063},
                flat(l.value()), 1e-9);
        Tensor f = Activations.logSoftmax(Tensor.constant(Nd4j.createFromArray(new float[][] {{-1000f, 0f, 1000f}})), 1);
        assertEquals(0.0, f.value().getDouble(0, 2), 1e-6);
        assertEquals(-2000.0, f.value().getDouble(0, 0), 1e-2);
        Tensor q = Activations.softmax(Tensor.constant(Nd4j.createFromArray(new float[][] {{-1000f, 0f, 1000f}})), 1);
        assertArrayEquals(new double[] {0, 0, 1}, flat(q.value()), 1e-7);
    }
}
