package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DropoutTest {
    static Tensor ones(long... shape) {
        return Tensor.variable(Nd4j.ones(DataType.FLOAT, shape));
    }

    @Test
    void sameSeedGivesSameMaskAndDifferentSeedsDiffer() {
        INDArray a = new Dropout(0.5, false, new SplittableRandom(5)).forward(ones(4, 64)).value();
        INDArray b = new Dropout(0.5, false, new SplittableRandom(5)).forward(ones(4, 64)).value();
        INDArray c = new Dropout(0.5, false, new SplittableRandom(6)).forward(ones(4, 64)).value();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void survivorsAreScaledAndTheDroppedFractionIsNearP() {
        INDArray y = io.snn4j.core.functional.Dropout.dropout(ones(100, 100), 0.3, true, new SplittableRandom(1)).value();
        long zeros = y.eq(0.0).castTo(DataType.INT32).sumNumber().longValue();
        long kept = y.eq(1.0 / 0.7).castTo(DataType.INT32).sumNumber().longValue();
        assertEquals(10_000, zeros + kept, "every element is 0 or 1/(1-p)");
        assertTrue(zeros > 2_800 && zeros < 3_200, "dropped " + zeros);
    }

    @Test
    void sharedMaskIsIdenticalAcrossTimeStepsAndGradientUsesIt() {
        Tensor x = ones(5, 3, 40);
        Dropout d = new Dropout(0.5, true, new SplittableRandom(2));
        Tensor y = d.forward(x);
        INDArray first = y.value().get(NDArrayIndex.point(0));
        for (int t = 1; t < 5; t++) {
            assertEquals(first, y.value().get(NDArrayIndex.point(t)), "step " + t);
        }
        assertTrue(first.eq(0.0).any() && first.eq(2.0).any());
        assertNotEquals(first.get(NDArrayIndex.point(0)), first.get(NDArrayIndex.point(1)), "batch rows get their own masks");
        y.sum().backward();
        assertEquals(y.value(), x.grad());
        // unshared: steps differ
        Tensor z = new Dropout(0.5, false, new SplittableRandom(2)).forward(ones(5, 3, 40));
        assertNotEquals(z.value().get(NDArrayIndex.point(0)), z.value().get(NDArrayIndex.point(1)));
    }

    @Test
    void evalModeAndZeroProbabilityAreIdentity() {
        Tensor x = ones(2, 3, 4);
        Dropout d = new Dropout(0.5, true, new SplittableRandom(3));
        d.eval();
        assertSame(x, d.forward(x));
        assertSame(x, io.snn4j.core.functional.Dropout.dropout(x, 0.0, true, new SplittableRandom(3)));
        assertSame(x, io.snn4j.core.functional.Dropout.dropout(x, 0.9, false, new SplittableRandom(3)));
    }

    @Test
    void probabilityOutsideZeroToOneIsRejected() {
        for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new Dropout(p, false, new SplittableRandom(1)), "p=" + p);
            String m = assertThrows(IllegalArgumentException.class, () -> io.snn4j.core.functional.Dropout.dropout(
                    ones(2, 2), p, true, new SplittableRandom(1))).getMessage();
            assertTrue(m.contains("[0, 1)"), m);
        }
        String m = assertThrows(IllegalArgumentException.class, () -> io.snn4j.core.functional.Dropout
                .dropoutSharedOverTime(ones(4), 0.5, true, new SplittableRandom(1))).getMessage();
        assertTrue(m.contains("[T, B, ...]") && m.contains("[4]"), m);
    }
}
