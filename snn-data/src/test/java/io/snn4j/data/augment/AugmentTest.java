package io.snn4j.data.augment;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class AugmentTest {
    private static INDArray img() {
        return Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new long[] {1, 3, 3}, DataType.FLOAT);
    }

    @Test
    void randomCropPadsWithZerosAtChosenCorner() {
        INDArray c = new RandomCrop(3, 1).crop(img(), 0, 0);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, c.data().asFloat());
        INDArray same = new RandomCrop(3, 1).crop(img(), 1, 1);
        assertArrayEquals(img().data().asFloat(), same.data().asFloat());
    }

    @Test
    void randomCropSameSeedSameCrop() {
        RandomCrop rc = new RandomCrop(3, 2);
        for (int s = 0; s < 10; s++) {
            assertEquals(rc.apply(img(), new SplittableRandom(s)), rc.apply(img(), new SplittableRandom(s)));
        }
    }

    @Test
    void horizontalFlipMirrorsWidth() {
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, new HorizontalFlip(1.0).apply(img(), new SplittableRandom(1)).data().asFloat());
        assertEquals(img(), new HorizontalFlip(0.0).apply(img(), new SplittableRandom(1)));
    }

    @Test
    void normalizeSubtractsMeanDividesStd() {
        INDArray n = new Normalize(new float[] {1f}, new float[] {2f}).apply(img(), null);
        assertEquals(0f, n.getFloat(0, 0, 0));
        assertEquals(4f, n.getFloat(0, 2, 2));
    }
}
