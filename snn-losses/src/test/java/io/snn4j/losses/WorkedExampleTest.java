package io.snn4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.core.autograd.Tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** docs/spec.md §6 worked example: O[0] = [[2, .5, −1], [0, .2, .4]], O[1] = [[1, 1, 0], [−.5, 0, 1.5]], y = [0, 2]. */
class WorkedExampleTest {
    static final int[] Y = {0, 2};

    static Tensor outputs(DataType dt) {
        INDArray o = Nd4j.createFromArray(new double[] {2, 0.5, -1, 0, 0.2, 0.4, 1, 1, 0, -0.5, 0, 1.5})
                .reshape('c', 2, 2, 3).castTo(dt);
        return Tensor.constant(o);
    }

    static void check(double expected, SpikingLoss loss) {
        assertEquals(expected, loss.loss(outputs(DataType.DOUBLE), Y).item(), 1e-14, loss + " in DOUBLE");
        Tensor f = loss.loss(outputs(DataType.FLOAT), Y);
        assertEquals(DataType.FLOAT, f.dataType());
        assertEquals(expected, f.item(), 1e-6, loss + " in FLOAT");
    }

    @Test
    void tetMatchesSpec() {
        check(0.5803908113921887, new TetLoss());
    }

    @Test
    void sdtMatchesSpec() {
        check(0.5110614251240959, new SdtLoss());
    }

    @Test
    void ltsMatchesSpec() {
        check(0.5841752581436988, new LtsLoss());
    }

    @Test
    void tetSWithEpsilonOneHundredthMatchesSpec() {
        check(0.5883908113921887, new TetSLoss(0.01));
        check(0.5883908113921887, new TetSLoss());
        check(0.5883908113921887, new TetLoss(0.01));
    }

    @Test
    void tetPlusMseWithLambdaFiveHundredthsMatchesSpec() {
        check(0.6003296041559126, new MixedLoss(new TetLoss(), 0.05));
        check(0.6003296041559126, Losses.fromSpec("tet", null, 0.05, null));
    }

    @Test
    void mseRegularizerIsTheMeanSquaredDistanceToPhi() {
        // Σ (O − 1)² over the 12 elements = 1 + .25 + 4 + 1 + .64 + .36 + 0 + 0 + 1 + 2.25 + 1 + .25 = 11.75
        assertEquals(11.75 / 12, new MseRegularizer().loss(outputs(DataType.DOUBLE)).item(), 1e-15);
        // φ = 0: Σ O² = 4 + .25 + 1 + 0 + .04 + .16 + 1 + 1 + 0 + .25 + 0 + 2.25 = 9.95
        assertEquals(9.95 / 12, new MseRegularizer(0.0).loss(outputs(DataType.DOUBLE)).item(), 1e-15);
    }
}
