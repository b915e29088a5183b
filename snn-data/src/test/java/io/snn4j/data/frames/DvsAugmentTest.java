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
    void drawsFlipThenDyThenDxWithinFivePixels() {
        float[] in = new float[2 * 16 * 16];
        in[0] = 1;
        DvsAugment a = DvsAugment.tet();
        java.util.Set<Integer> rows = new java.util.HashSet<>();
        for (int s = 0; s < 300; s++) {
            SplittableRandom draws = new SplittableRandom(s);
            boolean flip = draws.nextDouble() < 0.5;
            int dy = draws.nextInt(-5, 6);
            int dx = draws.nextInt(-5, 6);
            float[] expected = DvsAugment.transform(in, 16, 16, flip, dy, dx);
            float[] got = a.apply(in, 16, 16, new SplittableRandom(s));
            assertArrayEquals(expected, got);
            int idx = 0;
            while (got[idx] == 0) {
                idx++;
            }
            rows.add(idx / 16);
        }
        // the pixel at row 0 lands on rows -5..5 (mod 16): exactly 11 distinct rows
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4, 5, 11, 12, 13, 14, 15), rows);
    }
}
