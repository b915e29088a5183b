package io.snn4j.data.events;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Events with timestamps going backwards: readAll sorts them stably; EventStream never holds them unsorted. */
class EventOrderTest {
    @Test
    void readAllSortsLateEventsStablyByTimestamp() throws Exception {
        long[] t = {10, 30, 20, 20, 40, 5};
        int[] x = {0, 1, 2, 3, 4, 5};
        int[] y = new int[6];
        byte[] p = {1, 0, 1, 0, 1, 0};
        byte[] file = AedatFixtures.aedat2(t, x, y, p);
        try (Aedat2Reader r = new Aedat2Reader(new ByteArrayInputStream(file), "late.aedat")) {
            EventStream s = r.readAll();
            assertArrayEquals(new long[] {5, 10, 20, 20, 30, 40}, s.t());
            assertArrayEquals(new int[] {5, 0, 2, 3, 1, 4}, s.x(), "equal timestamps keep file order");
            assertArrayEquals(new byte[] {0, 1, 1, 0, 0, 1}, s.p());
            assertEquals(2, s.sliceByTime(20, 30).size());
        }
    }

    @Test
    void builderCountsLateEventsAcrossBatches() {
        EventStream.Builder b = new EventStream.Builder(4, 4);
        b.add(new EventBatch(new long[] {1, 5, 3}, new int[3], new int[3], new byte[3], 3));
        b.add(new EventBatch(new long[] {4, 6}, new int[2], new int[2], new byte[2], 2));
        b.add(2, 0, 0, 1);
        assertEquals(2, b.outOfOrder(), "3 after 5, and 2 after 6");
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, b.build().t());
    }

    @Test
    void aStreamBuiltFromUnsortedArraysIsRejectedNamingTheIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EventStream(2, 2, new long[] {0, 7, 3}, new int[3], new int[3], new byte[3]));
        assertTrue(e.getMessage().contains("t[2] = 3 < t[1] = 7"), e.getMessage());
    }

    @Test
    void stableOrderMatchesAStableComparisonSort() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 3, 17, 1000, 4097}) {
            long[] t = new long[n];
            for (int i = 0; i < n; i++) {
                t[i] = i % 50 == 0 ? rng.nextLong(100) : i / 3 + rng.nextLong(3);
            }
            int[] expected = IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> t[i])).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, EventStream.Builder.stableOrder(t, n), "n=" + n + " " + Arrays.toString(Arrays.copyOf(t, 10)));
        }
    }
}
