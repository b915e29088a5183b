package io.snn4j.data.frames;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DvsAugmentTest {
    @Test
    void rollIsCyclicLikeTorchRoll() {
        float[] in = {1, 2, 3, 4, 5, 6}; // 2 x 3
        assertArrayEquals(new float[] {3, 1, 2, 6, 4, 5}, DvsAugment.transform(in, 2, 3, false, 0, 1));
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, DvsAugment.transform(in, 2, 3, false, 1, 0));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, DvsAugment.transform(in, 2, 3, true, 0, 0));
    }

    @Test
    void sameSeedSameAugmentationAndShiftsStayWithinFive() {
        float[] in = new float[2 * 16 * 16];
        in[0] = 1;
        DvsAugment a = DvsAugment.tet();
        for (int s = 0; s < 50; s++) {
            float[] o1 = a.apply(in, 16, 16, new SplittableRandom(s));
            float[] o2 = a.apply(in, 16, 16, new SplittableRandom(s));
            assertArrayEquals(o1, o2);
            int idx = 0;
            while (o1[idx] == 0) {
                idx++;
            }
            int r = idx / 16;
            int c = idx % 16;
            int dr = Math.min(r, 16 - r);
            int dc = Math.min(Math.abs(c - 0), Math.abs(c - 15));
            assertTrue(dr <= 5, "row shift " + r);
            assertTrue(Math.min(c, 16 - c) <= 5 || Math.abs(c - 15) <= 5 || Math.abs(c - 15 + 16) <= 5 || dc <= 5, "col " + c);
        }
    }
}
