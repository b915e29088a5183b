package io.snn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The seed slides' objectives on a spiking output layer: rate (spike-count) CE, membrane CE, TTFS. */
class SpikeOutputLossesTest {
    static final int[] LABELS = {2, 0, 3};
    final GradCheck check = GradCheck.defaults();

    static Tensor uniform(long seed, double lo, double hi, long... shape) {
        return Tensor.variable(Init.uniform(DataType.DOUBLE, shape, lo, hi, new SplittableRandom(seed)));
    }

    /** Spike trains [T=4, B=2, K=3]: sample 0 fires class 1 at t=1, class 0 at t=2, class 2 never; sample 1 θ-scaled. */
    static INDArray spikes() {
        return Nd4j.createFromArray(new double[] {
            0, 1, 0,   0, 0, 0,
            1, 0, 0,   0, 0, 0.5,
            1, 1, 0,   0.5, 0, 0,
            0, 1, 0,   0.5, 0.5, 0}).reshape('c', 4, 2, 3);
    }

    @Test
    void rateCrossEntropyIsTheCrossEntropyOfTheSpikeCounts() {
        // counts: sample 0 [2, 3, 0], sample 1 [1, 0.5, 0.5]
        double ce0 = Math.log(Math.exp(2) + Math.exp(3) + 1) - 2;
        double ce1 = Math.log(Math.exp(1) + 2 * Math.exp(0.5)) - 0.5;
        Tensor l = new RateCrossEntropyLoss().loss(Tensor.constant(spikes()), new int[] {0, 2});
        assertEquals((ce0 + ce1) / 2, l.item(), 1e-12);
        assertArrayEquals(new int[] {1, 0}, new RateCrossEntropyLoss().predict(spikes()));
    }

    @Test
    void rateCrossEntropyGradientMatchesFiniteDifferences() {
        check.assertGradientsMatch(t -> new RateCrossEntropyLoss().loss(t[0], LABELS), uniform(1, 0, 1, 4, 3, 5));
        check.assertGradientsMatch(t -> new RateCrossEntropyLoss(0.1).loss(t[0], LABELS), uniform(2, 0, 1, 2, 3, 4));
        check.assertGradientsMatch(t -> LossSpec.of("rate-ce", null, 0.2, null).build().loss(t[0], LABELS),
                uniform(3, 0, 1, 3, 3, 4));
    }

    @Test
    void membraneCrossEntropySumsTheStepsCrossEntropies() {
        // docs/spec.md §6 worked example: TET = mean over T = 2 steps of CE(O[t], y) = 0.5803908113921887
        INDArray o = Nd4j.createFromArray(new double[] {2, 0.5, -1, 0, 0.2, 0.4, 1, 1, 0, -0.5, 0, 1.5}).reshape('c', 2, 2, 3);
        assertEquals(2 * 0.5803908113921887, new MembraneCrossEntropyLoss().loss(Tensor.constant(o), new int[] {0, 2}).item(),
                1e-12);
        Tensor u = uniform(4, -2, 2, 5, 3, 4);
        assertEquals(5 * new TetLoss().loss(u, LABELS).item(), new MembraneCrossEntropyLoss().loss(u, LABELS).item(), 1e-12);
    }

    @Test
    void membraneCrossEntropyGradientMatchesFiniteDifferences() {
        check.assertGradientsMatch(t -> new MembraneCrossEntropyLoss().loss(t[0], LABELS), uniform(5, -2, 2, 4, 3, 5));
        check.assertGradientsMatch(t -> new MembraneCrossEntropyLoss(0.05).loss(t[0], LABELS), uniform(6, -2, 2, 1, 3, 4));
    }

    @Test
    void firstSpikeTimesCountFromOneAndSilentNeuronsGetT() {
        INDArray times = FirstSpikeTime.of(spikes());
        assertArrayEquals(new double[] {2, 1, 4, 3, 4, 2}, times.reshape(6).toDoubleVector(), 0.0);
    }

    @Test
    void firstSpikeTimeBackwardIsMinusOneAtTheFirstOrShadowSpikeOnly() {
        Tensor s = Tensor.variable(spikes());
        INDArray g = Nd4j.createFromArray(new double[] {1, 2, 3, 4, 5, 6}).reshape(2, 3);
        FirstSpikeTime.of(s).backward(g);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 4, 2, 3);
        int[][] firstStep = {{1, 0, 3}, {2, 3, 1}};   // 0-based; class 2 of sample 0 and class 1 of sample 1: shadow at T−1
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 3; k++) {
                expected.putScalar(new long[] {firstStep[b][k], b, k}, -g.getDouble(b, k));
            }
        }
        assertEquals(expected, s.grad());
    }

    @ParameterizedTest
    @EnumSource(TimeToLogit.class)
    void timeToLogitMapsAreDecreasingAndTheirCrossEntropyGradientMatchesFiniteDifferences(TimeToLogit map) {
        Tensor times = Tensor.constant(Nd4j.createFromArray(1.0, 2.0, 3.0, 8.0));
        double[] z = map.apply(times).value().toDoubleVector();
        for (int i = 1; i < z.length; i++) {
            assertTrue(z[i] < z[i - 1], map + " must decrease");
        }
        // the differentiable part of TTFS: times → logits → CE (times held continuous)
        check.assertGradientsMatch(t -> new TetLoss(0.1).loss(map.apply(t[0]).reshape(1, 3, 4), LABELS),
                uniform(7, 1, 6, 3, 4));
    }

    @ParameterizedTest
    @EnumSource(TimeToLogit.class)
    void ttfsGradientReachesEachFirstSpikeAsMinusTheTimeGradient(TimeToLogit map) {
        INDArray s = spikes();
        int[] y = {0, 2};
        TtfsLoss loss = new TtfsLoss(map, 0.0);
        Tensor spikes = Tensor.variable(s);
        loss.loss(spikes, y).backward();
        // dL/dt from the (finite-difference-checked) differentiable part
        Tensor times = Tensor.variable(FirstSpikeTime.of(s));
        new TetLoss().loss(map.apply(times).reshape(1, 2, 3), y).backward();
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 4, 2, 3);
        int[][] firstStep = {{1, 0, 3}, {2, 3, 1}};
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 3; k++) {
                expected.putScalar(new long[] {firstStep[b][k], b, k}, -times.grad().getDouble(b, k));
            }
        }
        assertTrue(expected.equalsWithEps(spikes.grad(), 1e-12), spikes.grad().toString());
    }

    @Test
    void ttfsValueAndPredictionFollowTheEarliestNeuron() {
        // sample 0 times [2, 1, 4] → z = [−2, −1, −4]; sample 1 times [3, 4, 2] → z = [−3, −4, −2]
        double ce0 = Math.log(Math.exp(-2) + Math.exp(-1) + Math.exp(-4)) + 2;   // y = 0
        double ce1 = Math.log(Math.exp(-3) + Math.exp(-4) + Math.exp(-2)) + 2;   // y = 2
        assertEquals((ce0 + ce1) / 2, new TtfsLoss().loss(Tensor.constant(spikes()), new int[] {0, 2}).item(), 1e-12);
        double r0 = Math.log(Math.exp(0.5) + Math.exp(1) + Math.exp(0.25)) - 0.5;
        double r1 = Math.log(Math.exp(1.0 / 3) + Math.exp(0.25) + Math.exp(0.5)) - 0.5;
        assertEquals((r0 + r1) / 2, new TtfsLoss(TimeToLogit.RECIPROCAL, 0).loss(Tensor.constant(spikes()), new int[] {0, 2}).item(),
                1e-12);
        assertArrayEquals(new int[] {1, 2}, new TtfsLoss().predict(spikes()));
        assertArrayEquals(new int[] {0}, new TtfsLoss().predict(Nd4j.zeros(DataType.FLOAT, 3, 1, 4)), "silent: lowest index");
        assertEquals(DataType.FLOAT, new TtfsLoss().loss(Tensor.constant(spikes().castTo(DataType.FLOAT)), new int[] {0, 1}).dataType());
    }

    @Test
    void specNamesBuildTheSpikeOutputLosses() {
        assertInstanceOf(RateCrossEntropyLoss.class, Losses.fromSpec("rate-ce", null, null, null));
        assertInstanceOf(MembraneCrossEntropyLoss.class, Losses.fromSpec("membrane-ce", null, null, null));
        TtfsLoss t = (TtfsLoss) Losses.fromSpec("ttfs", null, null, null);
        assertEquals(TimeToLogit.NEGATE, t.map());
        assertEquals("ttfs-reciprocal", Losses.fromSpec("TTFS-reciprocal", 0.1, null, null).name());
        assertEquals("rate-ce+mse", Losses.fromSpec("rate-ce", null, 0.1, null).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.fromSpec("ttfs", null, 0.1, null));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.fromSpec("ttfx", null, null, null));
        assertTrue(e.getMessage().contains("ttfs-reciprocal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TtfsLoss(null, 0));
        Tensor logits = Tensor.constant(Nd4j.createFromArray(new double[] {0.5, -0.3, 1, 0, 0, 1}).reshape(1, 2, 3));
        for (SpikingLoss l : new SpikingLoss[] {new TtfsLoss(), new RateCrossEntropyLoss(), Losses.fromSpec("rate-ce", null, 0.1, null)}) {
            e = assertThrows(IllegalArgumentException.class, () -> l.loss(logits, new int[] {0, 1}), l.name());
            assertTrue(e.getMessage().contains("spiking output layer") && e.getMessage().contains("t=0, b=0, k=1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new TtfsLoss().loss(Tensor.constant(spikes()), new int[] {0}));
    }
}
