package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Convolution;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LayersTest {
    static final DataType D = DataType.DOUBLE;

    static Tensor rand(long seed, long... shape) {
        return Tensor.variable(Init.uniform(D, shape, -1, 1, new SplittableRandom(seed)));
    }

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void timeFoldedConvAndBatchNormGradientsMatchFiniteDifferences() {
        Conv2d conv = new Conv2d(2, 2, 2, 1, 0, true, D, new SplittableRandom(1));
        BatchNorm2d bn = new BatchNorm2d(2, D);
        bn.gamma().value().assign(Nd4j.createFromArray(1.5, 0.7));
        bn.beta().value().assign(Nd4j.createFromArray(0.1, -0.2));
        TimeFolded block = new TimeFolded(conv, bn);
        GradCheck.defaults().assertGradientsMatch(t -> block.forward(t[0]),
                rand(2, 2, 2, 2, 3, 3), conv.weight(), conv.bias(), bn.gamma(), bn.beta());
    }

    @Test
    void tebnGradientsMatchFiniteDifferencesIncludingPerStepScale() {
        Tebn tebn = new Tebn(2, 3, D);
        tebn.scale().value().assign(Nd4j.createFromArray(0.5, 1.0, 2.0).reshape(3, 1, 1, 1, 1));
        tebn.bn().gamma().value().assign(Nd4j.createFromArray(1.2, 0.8));
        // BN's input gradient sums to zero per channel, so some elements are ~1e-5 with ~1e-8 finite-difference
        // noise: count absolute differences below 1e-7 as equal (typical gradients here are ~1e-1)
        GradCheck.defaults().withAbsoluteFloor(1e-7).assertGradientsMatch(t -> tebn.forward(t[0]),
                rand(3, 3, 2, 2, 2, 2), tebn.scale(), tebn.bn().gamma(), tebn.bn().beta());
    }

    @Test
    void timeFoldedBatchNormTakesStatisticsOverTimeAndBatchTogether() {
        // step 0 all zeros, step 1 all twos: per-step BN would give zeros, T·B folding gives ∓1
        INDArray x = Nd4j.concat(0, Nd4j.zeros(D, 1, 2, 1, 1, 1), Nd4j.ones(D, 1, 2, 1, 1, 1).muli(2));
        BatchNorm2d bn = new BatchNorm2d(1, 1e-12, 0.1, D);
        Tensor y = new TimeFolded(bn).forward(Tensor.constant(x));
        assertArrayEquals(new long[] {2, 2, 1, 1, 1}, y.shape());
        assertArrayEquals(new double[] {-1, -1, 1, 1}, y.value().reshape(4).toDoubleVector(), 1e-9);
        assertEquals(0.1, bn.runningMean().getDouble(0), 1e-12);
        assertEquals(0.9 + 0.1 * 4.0 / 3, bn.runningVar().getDouble(0), 1e-12);
    }

    @Test
    void tebnScalesEachTimeStepAfterSharedNormalisation() {
        Tebn tebn = new Tebn(1, 2, 1e-12, 0.1, D);
        tebn.scale().value().assign(Nd4j.createFromArray(3.0, 5.0).reshape(2, 1, 1, 1, 1));
        INDArray x = Nd4j.create(new double[] {0, 0, 2, 2}, new long[] {2, 2, 1, 1, 1}, D);
        Tensor y = tebn.forward(Tensor.constant(x));
        assertArrayEquals(new double[] {-3, -3, 5, 5}, y.value().reshape(4).toDoubleVector(), 1e-9);
    }

    @Test
    void parameterPathsAndDecayFlagsReadNaturally() {
        SplittableRandom rng = new SplittableRandom(3);
        Sequential net = new Sequential(
                new TimeFolded(new Conv2d(3, 4, 3, 1, 1, false, D, rng), new BatchNorm2d(4, D)),
                new Tebn(4, 2, D),
                new TimeFolded(new AvgPool2d(2)),
                new TimeFolded(new Flatten(1)),
                new Linear(16, 10, true, D, rng));
        Map<String, Parameter> p = net.namedParameters();
        assertEquals(List.of("0.module.0.weight", "0.module.1.gamma", "0.module.1.beta", "1.p", "1.bn.gamma",
                "1.bn.beta", "4.weight", "4.bias"), List.copyOf(p.keySet()));
        assertTrue(p.get("0.module.0.weight").weightDecay());
        assertTrue(p.get("4.weight").weightDecay());
        assertFalse(p.get("4.bias").weightDecay());
        assertFalse(p.get("0.module.1.gamma").weightDecay());
        assertFalse(p.get("1.p").weightDecay());
        assertEquals(List.of("0.module.1.runningMean", "0.module.1.runningVar", "1.bn.runningMean", "1.bn.runningVar"),
                List.copyOf(net.namedBuffers().keySet()));
        assertEquals("module.weight", new TimeFolded(new Linear(2, 3, rng)).namedParameters().keySet().iterator().next());
        Tensor y = net.forward(rand(4, 2, 3, 3, 4, 4));
        assertArrayEquals(new long[] {2, 3, 10}, y.shape());
        assertEquals(4 * 3 * 9 + 4 + 4 + 4 + 4 + 2 + 16 * 10 + 10, net.parameterCount());
    }

    @Test
    void evalModeUsesRunningStatisticsAndLeavesThemUnchanged() {
        BatchNorm2d bn = new BatchNorm2d(2, D);
        Tensor x = rand(5, 4, 2, 3, 3);
        bn.forward(x);
        INDArray rm = bn.runningMean().dup();
        INDArray rv = bn.runningVar().dup();
        bn.eval();
        Tensor y = bn.forward(x);
        assertEquals(rm, bn.runningMean());
        assertEquals(rv, bn.runningVar());
        double expected = (x.value().getDouble(1, 1, 2, 0) - rm.getDouble(1)) / Math.sqrt(rv.getDouble(1) + 1e-5);
        assertEquals(expected, y.value().getDouble(1, 1, 2, 0), 1e-12);
        GradCheck.defaults().assertGradientsMatch(t -> bn.forward(t[0]), rand(6, 2, 2, 2, 2), bn.gamma(), bn.beta());
    }

    @Test
    void batchNorm1dAcceptsFeatureVectorsAndSequences() {
        BatchNorm1d bn = new BatchNorm1d(3, D);
        assertArrayEquals(new long[] {5, 3}, bn.forward(rand(1, 5, 3)).shape());
        assertArrayEquals(new long[] {2, 3, 4}, bn.forward(rand(2, 2, 3, 4)).shape());
        String m = message(() -> bn.forward(rand(3, 5, 4)));
        assertTrue(m.contains("BatchNorm1d") && m.contains("[5, 4]") && m.contains("[N, 3]"), m);
    }

    @Test
    void linearAppliesPerTimeStepOnTimeFirstInput() {
        Linear lin = new Linear(4, 3, true, D, new SplittableRandom(7));
        Tensor x = rand(8, 2, 5, 4);
        Tensor y = lin.forward(x);
        assertArrayEquals(new long[] {2, 5, 3}, y.shape());
        for (int t = 0; t < 2; t++) {
            INDArray step = x.value().get(NDArrayIndex.point(t)).mmul(lin.weight().value().transpose())
                    .addRowVector(lin.bias().value());
            assertTrue(step.equalsWithEps(y.value().get(NDArrayIndex.point(t)), 1e-12));
        }
    }

    @Test
    void conv2dModuleMatchesFunctionalConvAndKeepsTheFloatType() {
        Conv2d c = new Conv2d(3, 2, 3, 2, 1, true, DataType.FLOAT, new SplittableRandom(2));
        assertEquals(DataType.FLOAT, c.weight().dataType());
        Tensor x = Tensor.constant(Init.uniform(DataType.FLOAT, new long[] {1, 3, 5, 5}, -1, 1, new SplittableRandom(3)));
        Tensor y = c.forward(x);
        assertArrayEquals(new long[] {1, 2, 3, 3}, y.shape());
        assertEquals(Convolution.conv2d(x, c.weight(), c.bias(), 2, 1).value(), y.value());
    }

    @Test
    void pytorchDefaultInitIsSeededAndBoundedByFanIn() {
        Conv2d a = new Conv2d(3, 8, 3, 1, 1, true, DataType.FLOAT, new SplittableRandom(11));
        Conv2d b = new Conv2d(3, 8, 3, 1, 1, true, DataType.FLOAT, new SplittableRandom(11));
        Conv2d c = new Conv2d(3, 8, 3, 1, 1, true, DataType.FLOAT, new SplittableRandom(12));
        assertEquals(a.weight().value(), b.weight().value());
        assertEquals(a.bias().value(), b.bias().value());
        assertNotEquals(a.weight().value(), c.weight().value());
        double bound = 1 / Math.sqrt(27);
        assertTrue(a.weight().value().amaxNumber().doubleValue() <= bound);
        assertTrue(a.weight().value().amaxNumber().doubleValue() > 0.8 * bound);
        assertArrayEquals(new long[] {8, 3, 3, 3}, a.weight().shape());
        BatchNorm2d bn = new BatchNorm2d(4, DataType.FLOAT);
        assertEquals(Nd4j.ones(DataType.FLOAT, 4), bn.gamma().value());
        assertEquals(Nd4j.zeros(DataType.FLOAT, 4), bn.beta().value());
        assertEquals(1e-5, bn.eps());
        assertEquals(0.1, bn.momentum());
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        Conv2d conv = new Conv2d(3, 8, 3, 1, 1, true, D, new SplittableRandom(1));
        String m = message(() -> conv.forward(rand(1, 2, 2, 5, 5)));
        assertTrue(m.contains("Conv2d(3→8") && m.contains("[N, 3, H, W]") && m.contains("[2, 2, 5, 5]"), m);
        m = message(() -> Convolution.conv2d(rand(1, 2, 2, 5, 5), rand(2, 8, 3, 3, 3), null, 1, 0));
        assertTrue(m.contains("conv2d") && m.contains("[2, 2, 5, 5]") && m.contains("[8, 3, 3, 3]"), m);
        m = message(() -> new Linear(4, 3, true, D, new SplittableRandom(1)).forward(rand(1, 2, 5)));
        assertTrue(m.contains("Linear(4→3") && m.contains("[2, 5]"), m);
        m = message(() -> new BatchNorm2d(4, D).forward(rand(1, 2, 3, 2, 2)));
        assertTrue(m.contains("BatchNorm2d(4)") && m.contains("[N, 4, H, W]") && m.contains("[2, 3, 2, 2]"), m);
        m = message(() -> new Tebn(4, 3, D).forward(rand(1, 2, 1, 4, 2, 2)));
        assertTrue(m.contains("Tebn") && m.contains("[3, B, 4, H, W]") && m.contains("[2, 1, 4, 2, 2]"), m);
        m = message(() -> new TimeFolded(new Flatten(1)).forward(rand(1, 2, 5)));
        assertTrue(m.contains("TimeFolded") && m.contains("[2, 5]"), m);
        m = message(() -> new MaxPool2d(2).forward(rand(1, 2, 5)));
        assertTrue(m.contains("maxpool2d") && m.contains("[2, 5]"), m);
    }

    @Test
    void constructorsRejectBadArgumentsByName() {
        SplittableRandom r = new SplittableRandom(1);
        assertTrue(message(() -> new Conv2d(0, 8, 3, 1, 1, true, D, r)).contains("inChannels"));
        assertTrue(message(() -> new Conv2d(3, 8, 3, 0, 1, true, D, r)).contains("stride"));
        assertTrue(message(() -> new Conv2d(3, 8, 3, 1, -1, true, D, r)).contains("padding"));
        assertTrue(message(() -> new Conv2d(3, 8, 3, 1, 1, true, D, null)).contains("rng"));
        assertTrue(message(() -> new Linear(3, -1, true, D, r)).contains("outFeatures"));
        assertTrue(message(() -> new Linear(3, 2, true, null, r)).contains("dataType"));
        assertTrue(message(() -> new BatchNorm2d(4, 0.0, 0.1, D)).contains("eps"));
        assertTrue(message(() -> new BatchNorm2d(4, 1e-5, 1.5, D)).contains("momentum"));
        assertTrue(message(() -> new BatchNorm2d(0, D)).contains("channels"));
        assertTrue(message(() -> new Tebn(4, 0, D)).contains("timeSteps"));
        assertTrue(message(() -> new AvgPool2d(2, 2, 2)).contains("padding"));
        assertTrue(message(() -> new MaxPool2d(0)).contains("kernel"));
        assertTrue(message(() -> new Flatten(-1)).contains("startDim"));
        assertTrue(message(TimeFolded::new).contains("at least one"));
    }
}
