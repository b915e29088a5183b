package io.snn4j.core.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Convolution.Backward;
import io.snn4j.core.nn.Init;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The split convolution backward (input gradient by the backward-data op, weight gradient by im2col and one GEMM)
 * gives the fused {@code conv2d_bp}'s gradients in FLOAT, on the shapes {@link Backward#AUTO} sends to it and on
 * strided, padded and 1×1 ones (dilation is checked in DOUBLE by FunctionalGradientTest); and it computes no input gradient for an input that needs none.
 */
class ConvolutionBackwardTest {
    static Tensor rand(long seed, boolean variable, long... shape) {
        INDArray a = Init.uniform(DataType.FLOAT, shape, -1, 1, new SplittableRandom(seed));
        return variable ? Tensor.variable(a) : Tensor.constant(a);
    }

    /** Runs forward + backward of sum(conv(x, w, b) · r) with the path and returns [dx, dw, db]. */
    static INDArray[] gradients(Backward path, long[] xs, long[] ws, int s, int p, int d, boolean inputGrad) {
        Tensor x = rand(1, inputGrad, xs);
        Tensor w = rand(2, true, ws);
        Tensor b = rand(3, true, ws[0]);
        Tensor y = Convolution.conv2d(x, w, b, s, s, p, p, d, d, path);
        Tensor r = rand(4, false, y.shape());
        y.mul(r).sum().backward();
        return new INDArray[] {x.grad(), w.grad(), b.grad()};
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double err = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(err < 1e-5, what + ": relative max error " + err);
        assertArrayEquals(expected.shape(), actual.shape(), what);
    }

    @Test
    void splitBackwardGivesTheFusedGradientsInFloat() {
        long[][][] cases = {
            {{8, 256, 2, 2}, {256, 256, 3, 3}},     // a Winograd shape of conv2d_bp
            {{2, 8, 7, 7}, {16, 8, 3, 3}},
            {{3, 4, 9, 9}, {6, 4, 3, 3}},
            {{2, 5, 8, 8}, {4, 5, 1, 1}},
            {{3, 2, 16, 16}, {8, 2, 3, 3}},         // 256 positions per sample: the per-sample GEMMs
        };
        int[][] spd = {{1, 1, 1}, {1, 1, 1}, {2, 1, 1}, {1, 0, 1}, {1, 1, 1}};
        for (int i = 0; i < cases.length; i++) {
            INDArray[] fused = gradients(Backward.FUSED, cases[i][0], cases[i][1], spd[i][0], spd[i][1], spd[i][2], true);
            INDArray[] split = gradients(Backward.SPLIT, cases[i][0], cases[i][1], spd[i][0], spd[i][1], spd[i][2], true);
            for (int k = 0; k < 3; k++) {
                assertClose(fused[k], split[k], "case " + i + " gradient " + k);
            }
        }
    }

    /** libnd4j's {@code deconv2d_tf} reads the output width as its height: non-square outputs go through col2im. */
    @Test
    void splitBackwardOfRectangularOutputsGivesTheFusedGradients() {
        Tensor x = rand(1, true, 2, 3, 6, 9);
        Tensor w = rand(2, true, 4, 3, 3, 3);
        INDArray[][] g = new INDArray[2][];
        int i = 0;
        for (Backward path : new Backward[] {Backward.FUSED, Backward.SPLIT}) {
            Tensor xi = Tensor.variable(x.value().dup());
            Tensor wi = Tensor.variable(w.value().dup());
            Tensor y = Convolution.conv2d(xi, wi, null, 1, 1, 1, 1, 1, 1, path);
            y.mul(rand(4, false, y.shape())).sum().backward();
            g[i++] = new INDArray[] {xi.grad(), wi.grad()};
        }
        assertClose(g[0][0], g[1][0], "dx");
        assertClose(g[0][1], g[1][1], "dw");
    }

    /** oneDNN (through libnd4j's conv2d) rejects dilated FLOAT convolutions; they run as im2col + GEMM instead. */
    @Test
    void dilatedFloatConvolutionsMatchDouble() {
        int[][] cfg = {{2, 1, 1, 0}, {2, 2, 2, 2}, {3, 3, 0, 0}, {1, 2, 0, 1}};
        for (int[] d : cfg) {
            Tensor xd = Tensor.variable(Init.uniform(DataType.DOUBLE, new long[] {2, 3, 9, 8}, -1, 1, new SplittableRandom(1)));
            Tensor wd = Tensor.variable(Init.uniform(DataType.DOUBLE, new long[] {4, 3, 3, 3}, -1, 1, new SplittableRandom(2)));
            Tensor bd = Tensor.variable(Init.uniform(DataType.DOUBLE, new long[] {4}, -1, 1, new SplittableRandom(3)));
            Tensor xf = Tensor.variable(xd.value().castTo(DataType.FLOAT));
            Tensor wf = Tensor.variable(wd.value().castTo(DataType.FLOAT));
            Tensor bf = Tensor.variable(bd.value().castTo(DataType.FLOAT));
            Tensor yd = Convolution.conv2d(xd, wd, bd, 1, 1, d[2], d[3], d[0], d[1]);
            Tensor yf = Convolution.conv2d(xf, wf, bf, 1, 1, d[2], d[3], d[0], d[1]);
            assertClose(yd.value(), yf.value().castTo(DataType.DOUBLE), "output " + java.util.Arrays.toString(d));
            yd.sum().backward();
            yf.sum().backward();
            assertClose(xd.grad(), xf.grad().castTo(DataType.DOUBLE), "dx " + java.util.Arrays.toString(d));
            assertClose(wd.grad(), wf.grad().castTo(DataType.DOUBLE), "dw " + java.util.Arrays.toString(d));
            assertClose(bd.grad(), bf.grad().castTo(DataType.DOUBLE), "db " + java.util.Arrays.toString(d));
        }
    }

    @Test
    void noInputGradientIsComputedForAnInputThatNeedsNone() {
        INDArray[] split = gradients(Backward.SPLIT, new long[] {2, 3, 5, 5}, new long[] {4, 3, 3, 3}, 1, 1, 1, false);
        assertNull(split[0]);
        INDArray[] fused = gradients(Backward.FUSED, new long[] {2, 3, 5, 5}, new long[] {4, 3, 3, 3}, 1, 1, 1, false);
        assertClose(fused[1], split[1], "dw");
    }

    @Test
    void autoSplitsTheFirstLayerAndTheSmallSquareWideStrideOneThreeByThreeShapes() {
        assertTrue(Backward.AUTO.resolve(true, 512, 512, 3, 3, 1, 1, 1, 1, 2, 2) == Backward.SPLIT);
        assertTrue(Backward.AUTO.resolve(true, 256, 512, 3, 3, 1, 1, 1, 1, 8, 8) == Backward.SPLIT);
        assertTrue(Backward.AUTO.resolve(true, 256, 256, 3, 3, 1, 1, 1, 1, 4, 4) == Backward.FUSED);
        assertTrue(Backward.AUTO.resolve(true, 128, 128, 3, 3, 1, 1, 1, 1, 8, 8) == Backward.FUSED);
        assertTrue(Backward.AUTO.resolve(true, 256, 256, 3, 3, 1, 1, 1, 1, 16, 16) == Backward.FUSED);
        assertTrue(Backward.AUTO.resolve(true, 256, 512, 3, 3, 2, 2, 1, 1, 2, 2) == Backward.FUSED);
        assertTrue(Backward.AUTO.resolve(true, 512, 512, 3, 3, 1, 1, 1, 1, 2, 3) == Backward.FUSED);
        assertTrue(Backward.SPLIT.resolve(true, 3, 3, 1, 1, 2, 2, 1, 1, 40, 40) == Backward.SPLIT);
        assertTrue(Backward.SPLIT.resolve(true, 3, 3, 3, 3, 1, 1, 1, 1, 6, 9) == Backward.SPLIT);
        assertTrue(Backward.AUTO.resolve(true, 512, 512, 3, 3, 1, 1, 1, 1, 2, 3) == Backward.FUSED);
        assertTrue(Backward.AUTO.resolve(false, 2, 64, 3, 3, 1, 1, 1, 1, 48, 48) == Backward.SPLIT, "first layer");
        assertTrue(Backward.AUTO.resolve(false, 2, 64, 3, 3, 1, 1, 1, 1, 48, 40) == Backward.FUSED);
    }
}
