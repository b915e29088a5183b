package io.snn4j.core.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused batch-norm passes against a plain reference path: ND4J's own reductions for the batch statistics and
 * its {@code batchnorm} / {@code batchnorm_bp} ops for the output and the gradients, in FLOAT, on shapes that take
 * the serial path with several blocks per plane and the parallel path.
 */
class BatchNormKernelTest {

    static INDArray rand(long seed, DataType type, long... shape) {
        return Init.uniform(DataType.DOUBLE, shape, -2, 3, new SplittableRandom(seed)).castTo(type);
    }

    static void assertClose(String what, INDArray expected, INDArray actual, double tol) {
        assertEquals(expected.length(), actual.length(), what);
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        double worst = 0;
        for (long i = 0; i < e.length(); i++) {
            double d = Math.abs(e.getDouble(i) - a.getDouble(i)) / (1 + Math.abs(e.getDouble(i)));
            worst = Math.max(worst, d);
        }
        assertTrue(worst <= tol, what + ": max error " + worst + " > " + tol);
    }

    @Test
    void trainingForwardAndBackwardMatchNd4jReferenceOps() {
        // {8, 37, 16, 16}: parallel path with several channels per task and planes shorter than a block
        for (long[] shape : new long[][] {{3, 4, 50, 50}, {4, 8, 48, 48}, {8, 37, 16, 16}, {16, 5, 7}, {6, 3}}) {
            INDArray xv = rand(1, DataType.FLOAT, shape).muli(1.7).addi(0.4);
            long ch = shape[1];
            INDArray gam = rand(2, DataType.FLOAT, ch);
            INDArray bet = rand(3, DataType.FLOAT, ch);
            INDArray seed = rand(4, DataType.FLOAT, shape);
            INDArray rm = Nd4j.zeros(DataType.FLOAT, ch);
            INDArray rv = Nd4j.ones(DataType.FLOAT, ch);
            Tensor x = Tensor.variable(xv);
            Tensor g = Tensor.variable(gam);
            Tensor b = Tensor.variable(bet);
            Tensor y = Normalization.batchNorm(x, g, b, rm, rv, true, 0.1, 1e-5);
            y.backward(seed);

            int[] axes = new int[shape.length - 1];
            for (int i = 1; i < axes.length; i++) {
                axes[i] = i + 1;
            }
            // reference in DOUBLE on the same (FLOAT-representable) values: FLOAT sums of ~10^4 terms are not exact
            DataType d = DataType.DOUBLE;
            INDArray xd = xv.castTo(d);
            INDArray mean = xd.mean(axes);
            INDArray var = xd.var(false, axes);
            INDArray yRef = Nd4j.create(d, shape);
            int[] iargs = {1, 1, 1};
            NativeOps.exec("batchnorm", new INDArray[] {xd, mean, var, gam.castTo(d), bet.castTo(d)}, new INDArray[] {yRef},
                    iargs, 1e-5);
            INDArray dx = Nd4j.create(d, shape);
            INDArray dm = Nd4j.create(d, ch);
            INDArray dv = Nd4j.create(d, ch);
            INDArray dg = Nd4j.create(d, ch);
            INDArray db = Nd4j.create(d, ch);
            NativeOps.exec("batchnorm_bp", new INDArray[] {xd, mean, var, gam.castTo(d), bet.castTo(d), seed.castTo(d)},
                    new INDArray[] {dx, dm, dv, dg, db}, iargs, 1e-5);
            String s = Arrays.toString(shape);
            assertClose("y " + s, yRef, y.value(), 1e-4);
            assertClose("dx " + s, dx, x.grad(), 1e-3);
            assertClose("dgamma " + s, dg, g.grad(), 1e-3);
            assertClose("dbeta " + s, db, b.grad(), 1e-3);
            long n = xv.length() / ch;
            assertClose("running mean " + s, mean.mul(0.1), rm, 1e-5);
            assertClose("running var " + s, var.mul(0.1 * n / (n - 1)).addi(0.9), rv, 1e-5);
        }
    }

    /**
     * {@code normalize} and {@code gradient} (statistics, coefficients and the second pass channel by channel) give
     * bit for bit what the separate passes give, serial and parallel, FLOAT and DOUBLE.
     */
    @Test
    void fusedPassesEqualTheSeparatePassesBitForBit() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long[] shape : new long[][] {{3, 4, 50, 50}, {8, 37, 16, 16}, {16, 5, 7}}) {
                INDArray x = rand(11, type, shape).muli(1.3).addi(0.2);
                INDArray g = rand(12, type, shape);
                int ch = (int) shape[1];
                BatchNormKernel k = new BatchNormKernel(shape);
                double[] gam = rand(13, DataType.DOUBLE, ch).toDoubleVector();
                double[] bet = rand(14, DataType.DOUBLE, ch).toDoubleVector();
                double count = k.count();

                double[] mean1 = new double[ch];
                double[] var1 = new double[ch];
                double[] a1 = new double[ch];
                k.moments(x, mean1, var1);
                for (int c = 0; c < ch; c++) {
                    a1[c] = gam[c] / Math.sqrt(var1[c] + 1e-5);
                }
                INDArray y1 = Nd4j.create(type, shape);
                k.affine(x, mean1, a1, bet, y1);

                double[] mean2 = new double[ch];
                double[] var2 = new double[ch];
                double[] a2 = new double[ch];
                INDArray y2 = Nd4j.create(type, shape);
                k.normalize(x, mean2, var2, c -> a2[c] = gam[c] / Math.sqrt(var2[c] + 1e-5), a2, bet, y2);
                String where = type + " " + Arrays.toString(shape);
                assertTrue(Arrays.equals(mean1, mean2) && Arrays.equals(var1, var2), where + " moments");
                assertTrue(Arrays.equals(y1.data().asDouble(), y2.data().asDouble()), where + " output");

                double[] sg1 = new double[ch];
                double[] sgx1 = new double[ch];
                double[] k11 = new double[ch];
                double[] k21 = new double[ch];
                double[] k31 = new double[ch];
                k.gradSums(g, x, mean1, sg1, sgx1);
                for (int c = 0; c < ch; c++) {
                    k11[c] = a1[c];
                    k21[c] = -a1[c] * sgx1[c] / count;
                    k31[c] = -a1[c] * sg1[c] / count;
                }
                INDArray dx1 = Nd4j.create(type, shape);
                k.gradInput(g, x, mean1, k11, k21, k31, dx1);

                double[] sg2 = new double[ch];
                double[] sgx2 = new double[ch];
                double[] k12 = new double[ch];
                double[] k22 = new double[ch];
                double[] k32 = new double[ch];
                INDArray dx2 = Nd4j.create(type, shape);
                k.gradient(g, x, mean2, sg2, sgx2, c -> {
                    k12[c] = a2[c];
                    k22[c] = -a2[c] * sgx2[c] / count;
                    k32[c] = -a2[c] * sg2[c] / count;
                }, k12, k22, k32, dx2);
                assertTrue(Arrays.equals(sg1, sg2) && Arrays.equals(sgx1, sgx2), where + " sums");
                assertTrue(Arrays.equals(dx1.data().asDouble(), dx2.data().asDouble()), where + " input gradient");
            }
        }
    }

    @Test
    void evalUsesRunningStatisticsAndLeavesThemUnchanged() {
        long[] shape = {4, 8, 48, 48};
        INDArray xv = rand(5, DataType.FLOAT, shape);
        INDArray rm = rand(6, DataType.FLOAT, 8);
        INDArray rv = rand(7, DataType.FLOAT, 8).addi(3);
        INDArray rm0 = rm.dup();
        INDArray rv0 = rv.dup();
        INDArray gam = rand(8, DataType.FLOAT, 8);
        INDArray bet = rand(9, DataType.FLOAT, 8);
        Tensor x = Tensor.variable(xv);
        Tensor y = Normalization.batchNorm(x, Tensor.variable(gam), Tensor.variable(bet), rm, rv, false, 0.1, 1e-5);
        INDArray yRef = Nd4j.create(DataType.FLOAT, shape);
        NativeOps.exec("batchnorm", new INDArray[] {xv, rm, rv, gam, bet}, new INDArray[] {yRef}, new int[] {1, 1, 1}, 1e-5);
        assertClose("eval y", yRef, y.value(), 1e-4);
        assertEquals(rm0, rm);
        assertEquals(rv0, rv);
        INDArray seed = rand(10, DataType.FLOAT, shape);
        y.backward(seed);
        INDArray scale = gam.div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(rv.add(1e-5), true)).reshape(1, 8, 1, 1);
        assertClose("eval dx", seed.mul(scale), x.grad(), 1e-4);
    }

    @Test
    void inputGradientIsSkippedWhenTheInputNeedsNone() {
        Tensor x = Tensor.constant(rand(11, DataType.FLOAT, 4, 3, 5, 5));
        Tensor g = Tensor.variable(Nd4j.ones(DataType.FLOAT, 3));
        Tensor y = Normalization.batchNorm(x, g, null, null, null, true, 0.1, 1e-5);
        y.backward(rand(12, DataType.FLOAT, 4, 3, 5, 5));
        assertNull(x.grad());
        assertTrue(g.grad() != null);
    }

    @Test
    void rejectsNonFloatingTypes() {
        Tensor x = Tensor.constant(Nd4j.ones(DataType.INT32, 4, 3, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(x, null, null, null, null, true, 0.1, 1e-5));
    }
}
