package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Initialisers draw row-major from the caller's generator and round once to the type, across block boundaries. */
class InitTest {
    /** More values than three blocks, not a multiple of a block. */
    private static final long[] SHAPE = {3, Init.BLOCK / 4 + 1, 2, 2};

    @Test
    void uniformEqualsWholeTensorDrawsCastOnce() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            INDArray got = Init.uniform(type, SHAPE, -0.3, 0.7, new SplittableRandom(11));
            RandomGenerator rng = new SplittableRandom(11);
            INDArray want = reference(type, () -> -0.3 + (0.7 - -0.3) * rng.nextDouble());
            assertSame(want, got, type);
        }
    }

    @Test
    void normalEqualsWholeTensorDrawsCastOnce() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray got = Init.normal(type, SHAPE, 0.1, 2.0, new SplittableRandom(5));
            RandomGenerator rng = new SplittableRandom(5);
            INDArray want = reference(type, () -> 0.1 + 2.0 * rng.nextGaussian());
            assertSame(want, got, type);
        }
    }

    @Test
    void emptyAndScalarShapes() {
        assertEquals(0, Init.uniform(DataType.FLOAT, new long[] {0, 4}, 0, 1, new SplittableRandom(1)).length());
        INDArray one = Init.uniform(DataType.FLOAT, new long[] {1}, 2, 3, new SplittableRandom(1));
        assertEquals((float) (2 + new SplittableRandom(1).nextDouble()), one.getFloat(0));
    }

    /** The former formulation: every draw into one double[], a DOUBLE array of it, cast to the type. */
    private static INDArray reference(DataType type, java.util.function.DoubleSupplier draw) {
        long n = 1;
        for (long s : SHAPE) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = draw.getAsDouble();
        }
        return Nd4j.create(v, SHAPE, DataType.DOUBLE).castTo(type);
    }

    private static void assertSame(INDArray want, INDArray got, DataType type) {
        assertEquals(type, got.dataType());
        assertArrayEquals(want.shape(), got.shape(), type.toString());
        assertEquals('c', got.ordering());
        assertArrayEquals(want.castTo(DataType.DOUBLE).data().asDouble(), got.castTo(DataType.DOUBLE).data().asDouble(),
                0.0, type + ": bit-identical values");
    }
}
