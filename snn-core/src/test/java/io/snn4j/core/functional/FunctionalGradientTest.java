package io.snn4j.core.functional;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finite-difference checks (DOUBLE) of every functional op. */
class FunctionalGradientTest {
    static Tensor rand(long seed, long... shape) {
        return Tensor.variable(Init.uniform(DataType.DOUBLE, shape, -1, 1, new SplittableRandom(seed)));
    }

    final GradCheck check = GradCheck.defaults();

    @Test
    void conv2dGradientsMatchFiniteDifferencesWithAndWithoutBias() {
        // (stride, padding) = (1, 0), (2, 1) with bias; (1, 1), (2, 0) without
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], t[2], 1, 0), rand(1, 1, 2, 4, 4), rand(2, 2, 2, 3, 3), rand(3, 2));
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], t[2], 2, 1), rand(4, 2, 2, 4, 3), rand(5, 2, 2, 3, 3), rand(6, 2));
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], null, 1, 1), rand(7, 1, 2, 3, 4), rand(8, 3, 2, 2, 2));
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], null, 2, 0), rand(9, 2, 1, 5, 4), rand(10, 2, 1, 3, 2));
    }

    @Test
    void conv2dFullVariantWithRectangularStridePaddingAndDilationMatchesFiniteDifferences() {
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], t[2], 2, 1, 1, 0, 2, 1),
                rand(1, 1, 1, 6, 5), rand(2, 2, 1, 3, 2), rand(3, 2));
    }

    @Test
    void conv2dSplitBackwardMatchesFiniteDifferences() {
        Convolution.Backward split = Convolution.Backward.SPLIT;
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], t[2], 1, 1, 1, 1, 1, 1, split),
                rand(1, 2, 3, 4, 4), rand(2, 4, 3, 3, 3), rand(3, 4));
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], null, 2, 2, 1, 1, 1, 1, split),
                rand(4, 2, 2, 5, 5), rand(5, 3, 2, 3, 3));
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], t[2], 1, 1, 2, 2, 2, 2, split),
                rand(6, 1, 2, 6, 6), rand(7, 2, 2, 3, 3), rand(8, 2));
        check.assertGradientsMatch(t -> Convolution.conv2d(t[0], t[1], t[2], 2, 1, 1, 0, 1, 1, split),
                rand(9, 2, 2, 6, 5), rand(10, 3, 2, 3, 2), rand(11, 3));   // non-square output: col2im
    }

    @Test
    void poolingGradientsMatchFiniteDifferencesIncludingPadding() {
        check.assertGradientsMatch(t -> Pooling.avgPool2d(t[0], 2, 2, 0), rand(1, 1, 2, 4, 4));
        check.assertGradientsMatch(t -> Pooling.avgPool2d(t[0], 3, 2, 1), rand(2, 1, 2, 5, 5));
        check.assertGradientsMatch(t -> Pooling.avgPool2d(t[0], 3, 1, 1), rand(3, 1, 2, 4, 4));
        check.assertGradientsMatch(t -> Pooling.maxPool2d(t[0], 2, 2, 0), rand(4, 1, 2, 4, 4));
        check.assertGradientsMatch(t -> Pooling.maxPool2d(t[0], 3, 2, 1), rand(5, 1, 2, 5, 5));
        check.assertGradientsMatch(t -> Pooling.globalAvgPool(t[0], true), rand(6, 2, 3, 3, 2));
        check.assertGradientsMatch(t -> Pooling.globalAvgPool(t[0], false), rand(7, 2, 3, 3, 2));
    }

    @Test
    void batchNormTrainingGradientsMatchFiniteDifferencesForInputGammaAndBeta() {
        check.assertGradientsMatch(t -> Normalization.batchNorm(t[0], t[1], t[2], null, null, true, 0.1, 1e-5),
                rand(1, 3, 2, 3, 2), rand(2, 2), rand(3, 2));
        check.assertGradientsMatch(t -> Normalization.batchNorm(t[0], t[1], t[2], null, null, true, 0.1, 1e-5),
                rand(4, 5, 3), rand(5, 3), rand(6, 3));
        check.assertGradientsMatch(t -> Normalization.batchNorm(t[0], null, null, null, null, true, 0.1, 1e-5),
                rand(7, 4, 2, 2, 2));
        check.assertGradientsMatch(t -> Normalization.batchNorm(t[0], t[1], t[2], null, null, true, 0.1, 1e-5),
                rand(8, 2, 3, 4), rand(9, 3), rand(10, 3));
    }

    @Test
    void batchNormEvalGradientsMatchFiniteDifferences() {
        INDArray rm = Nd4j.createFromArray(0.2, -0.1);
        INDArray rv = Nd4j.createFromArray(0.5, 2.0);
        check.assertGradientsMatch(t -> Normalization.batchNorm(t[0], t[1], t[2], rm, rv, false, 0.1, 1e-5),
                rand(1, 3, 2, 3, 2), rand(2, 2), rand(3, 2));
    }

    @Test
    void softmaxAndLogSoftmaxGradientsMatchFiniteDifferences() {
        check.assertGradientsMatch(t -> Activations.logSoftmax(t[0], -1), rand(1, 3, 5));
        check.assertGradientsMatch(t -> Activations.softmax(t[0], -1), rand(2, 3, 5));
        check.assertGradientsMatch(t -> Activations.logSoftmax(t[0], 1), rand(3, 2, 4, 3));
        check.assertGradientsMatch(t -> Activations.softmax(t[0], 0), rand(4, 3, 2));
    }

    @Test
    void dropoutWithFixedSeedMatchesFiniteDifferences() {
        check.assertGradientsMatch(t -> Dropout.dropout(t[0], 0.4, true, new SplittableRandom(9)), rand(1, 3, 4));
        check.assertGradientsMatch(t -> Dropout.dropoutSharedOverTime(t[0], 0.4, true, new SplittableRandom(9)),
                rand(2, 3, 2, 4));
    }
}
