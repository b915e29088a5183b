package io.snn4j.data.encode;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class EncoderTest {
    private static INDArray image() {
        return Nd4j.create(new float[] {0f, 0.25f, 0.5f, 1f}, new long[] {1, 2, 2}, DataType.FLOAT);
    }

    @Test
    void directRepeatsInputTimeFirst() {
        INDArray out = new DirectEncoder(3).encode(image());
        assertArrayEquals(new long[] {3, 1, 2, 2}, out.shape());
        for (int t = 0; t < 3; t++) {
            assertEquals(image(), out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(t)));
        }
    }

    @Test
    void poissonSameSeedSameSpikesAndRateFollowsIntensity() {
        INDArray x = Nd4j.create(new float[] {0f, 0.3f, 1f}, new long[] {3}, DataType.FLOAT);
        PoissonEncoder enc = new PoissonEncoder(4000);
        INDArray a = enc.encode(x, new SplittableRandom(7));
        INDArray b = enc.encode(x, new SplittableRandom(7));
        assertEquals(a, b);
        INDArray rate = a.mean(0);
        assertEquals(0f, rate.getFloat(0));
        assertEquals(0.3f, rate.getFloat(1), 0.03f);
        assertEquals(1f, rate.getFloat(2));
        assertNotEquals(a, enc.encode(x, new SplittableRandom(8)));
    }

    @Test
    void latencyFiresOnceBrighterEarlier() {
        INDArray out = new LatencyEncoder(5).encode(image());
        assertArrayEquals(new long[] {5, 1, 2, 2}, out.shape());
        // steps: x=0 -> 4, 0.25 -> 3, 0.5 -> 2, 1 -> 0
        assertEquals(1f, out.getFloat(4, 0, 0, 0));
        assertEquals(1f, out.getFloat(3, 0, 0, 1));
        assertEquals(1f, out.getFloat(2, 0, 1, 0));
        assertEquals(1f, out.getFloat(0, 0, 1, 1));
        assertEquals(4f, out.sumNumber().floatValue());
        assertEquals(-1, new LatencyEncoder(5, true).firingStep(0f));
    }
}
