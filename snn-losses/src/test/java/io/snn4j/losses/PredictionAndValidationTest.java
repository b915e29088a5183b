package io.snn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.snn4j.core.autograd.Tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** docs/spec.md §7 prediction rules, the spec factory, and rejection of bad inputs with messages that name them. */
class PredictionAndValidationTest {

    /** Sample 0: a strong early vote for class 0, the last step says class 1. Sample 1: class 2 throughout. */
    static INDArray crafted(DataType dt) {
        return Nd4j.createFromArray(new double[] {
            5, 0, 0, /* t0 b1 */ 0, 0, 1,
            0, 1, 0, /* t1 b1 */ 0, 0, 2}).reshape('c', 2, 2, 3).castTo(dt);
    }

    @Test
    void sdtAndTetPredictFromTheTimeMeanWhileLtsUsesTheLastStep() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray o = crafted(dt);
            assertArrayEquals(new int[] {0, 2}, new SdtLoss().predict(o));
            assertArrayEquals(new int[] {0, 2}, new TetLoss().predict(o));
            assertArrayEquals(new int[] {0, 2}, new TetSLoss().predict(o));
            assertArrayEquals(new int[] {1, 2}, new LtsLoss().predict(o));
            assertArrayEquals(new int[] {1, 2}, new MixedLoss(new LtsLoss(), 0.05).predict(o));
            assertArrayEquals(new int[] {0, 2}, Losses.fromSpec("tet", null, 0.05, null).predict(o));
        }
    }

    @Test
    void predictionTiesGoToTheLowerClass() {
        INDArray o = Nd4j.zeros(DataType.FLOAT, 3, 2, 4);
        o.putScalar(new long[] {2, 1, 3}, 1.0);
        assertArrayEquals(new int[] {0, 3}, new LtsLoss().predict(o));
        assertArrayEquals(new int[] {0, 3}, new SdtLoss().predict(o));
    }

    @Test
    void specFactoryAppliesDefaultsAndBuildsTheNamedLoss() {
        SpikingLoss tets = Losses.fromSpec("tet-s", null, null, null);
        assertInstanceOf(TetSLoss.class, tets);
        assertEquals(0.01, ((TetSLoss) tets).epsilon());
        assertInstanceOf(SdtLoss.class, Losses.fromSpec("SDT", null, null, null));
        assertEquals(0.0, ((CrossEntropyLoss) Losses.fromSpec("tet", null, 0.0, null)).epsilon());
        assertInstanceOf(LtsLoss.class, Losses.fromSpec("lts", 0.1, null, null));

        MixedLoss mixed = (MixedLoss) LossSpec.fromJson(Map.of("type", "tet-s", "epsilon", 0.02, "lambda", 0.2,
                "phi", 0.5)).build();
        assertEquals(0.2, mixed.lambda());
        assertEquals(0.5, mixed.mse().phi());
        assertEquals(0.02, mixed.classification().epsilon());
        assertEquals("tet-s+mse", mixed.name());
        assertEquals(new LossSpec("lts", 0.0, 0.0, 1.0), LossSpec.fromJson(Map.of("type", "lts")));
    }

    static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should mention '" + f + "'");
        }
    }

    @Test
    void outputsOfTheWrongRankOrTypeAreRejectedNamingTheShape() {
        Tensor rank2 = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 3, 4));
        assertRejected(() -> new TetLoss().loss(rank2, new int[] {0, 0, 0}), "rank 3", "[3, 4]");
        assertRejected(() -> new MixedLoss(new SdtLoss(), 0.1).loss(rank2, new int[] {0}), "rank 3", "[3, 4]");
        assertRejected(() -> new MseRegularizer().loss(rank2), "rank 3", "[3, 4]");
        assertRejected(() -> new LtsLoss().predict(Nd4j.zeros(DataType.FLOAT, 2, 3, 4, 5)), "[2, 3, 4, 5]");
        assertRejected(() -> new SdtLoss().loss(Tensor.constant(Nd4j.zeros(DataType.INT, 2, 2, 3)), new int[] {0, 1}),
                "FLOAT or DOUBLE", "INT");
    }

    @Test
    void labelsOfTheWrongLengthOrOutOfRangeAreRejectedNamingBoth() {
        Tensor o = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 2, 3));
        assertRejected(() -> new TetLoss().loss(o, new int[] {0, 1, 2}), "length 3", "B=2");
        assertRejected(() -> new SdtLoss().loss(o, new int[] {0, 3}), "label 3", "index 1", "K=3");
        assertRejected(() -> new LtsLoss().loss(o, new int[] {-1, 0}), "label -1", "index 0", "K=3");
        assertRejected(() -> new MixedLoss(new TetLoss(), 0.1).loss(o, new int[] {7, 0}), "label 7", "K=3");
        assertRejected(() -> new TetLoss().loss(o, null), "labels");
    }

    @Test
    void invalidHyperparametersAreRejectedAtConstructionNamingTheParameter() {
        assertRejected(() -> new TetSLoss(1.0), "epsilon", "1.0");
        assertRejected(() -> new SdtLoss(-0.1), "epsilon");
        assertRejected(() -> new LtsLoss(Double.NaN), "epsilon");
        assertRejected(() -> new MixedLoss(new TetLoss(), 1.5), "lambda", "1.5");
        assertRejected(() -> new MixedLoss(new TetLoss(), -0.01), "lambda");
        assertRejected(() -> new MseRegularizer(Double.POSITIVE_INFINITY), "phi");
        assertRejected(() -> Losses.fromSpec("tet", null, 2.0, null), "lambda");
        assertRejected(() -> Losses.fromSpec("tet-s", 1.0, null, null), "epsilon");
        assertRejected(() -> Losses.fromSpec("ce", null, null, null), "unknown loss type 'ce'", "tet-s");
        assertRejected(() -> MembraneLossMix.mix(Tensor.scalar(1, DataType.FLOAT), List.of(), 1.01), "lambdaMem");
    }

    @Test
    void membraneLossMixWeighsClassificationAndSummedMembraneLosses() {
        Tensor cls = Tensor.variable(Nd4j.scalar(DataType.DOUBLE, 2.0));
        Tensor m1 = Tensor.variable(Nd4j.scalar(DataType.DOUBLE, 0.5));
        Tensor m2 = Tensor.variable(Nd4j.scalar(DataType.DOUBLE, 0.25));
        Tensor total = MembraneLossMix.mix(cls, List.of(m1, m2), 0.01);
        assertEquals(0.99 * 2.0 + 0.01 * 0.75, total.item(), 1e-15);
        total.backward();
        assertEquals(0.99, cls.grad().getDouble(0), 1e-15);
        assertEquals(0.01, m1.grad().getDouble(0), 1e-15);
        assertEquals(0.01, m2.grad().getDouble(0), 1e-15);
        assertEquals(0.5 * 3.0, MembraneLossMix.mix(Tensor.scalar(3.0, DataType.FLOAT), List.of(), 0.5).item(), 1e-6);
        assertRejected(() -> MembraneLossMix.mix(cls, List.of(Tensor.scalar(1, DataType.FLOAT)), 0.01),
                "memLosses[0]", "FLOAT", "DOUBLE");
        assertRejected(() -> MembraneLossMix.mix(cls, List.of(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2))), 0.01),
                "memLosses[0]", "scalar", "[2]");
    }
}
