package io.snn4j.data.frames;

import io.snn4j.data.events.EventStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.*;

class FrameIntegratorTest {
    /** 7 events on a 3 (wide) x 2 (high) sensor. */
    private static EventStream fixture() {
        long[] t = {0, 10, 20, 30, 40, 50, 100};
        int[] x = {0, 1, 2, 0, 0, 2, 1};
        int[] y = {0, 0, 1, 1, 0, 1, 1};
        byte[] p = {1, 0, 1, 1, 1, 0, 0};
        return new EventStream(3, 2, t, x, y, p);
    }

    private static float at(float[] f, int t, int c, int y, int x) {
        return f[((t * 2 + c) * 2 + y) * 3 + x];
    }

    @Test
    void byCountLastFrameTakesRemainder() {
        FrameIntegrator fi = new FrameIntegrator(3, SplitMethod.BY_COUNT);
        int[][] seg = fi.segments(fixture().t());
        // N = 7, T = 3: di = 2 -> [0,2), [2,4), [4,7)
        assertArrayEquals(new int[] {0, 2}, seg[0]);
        assertArrayEquals(new int[] {2, 4}, seg[1]);
        assertArrayEquals(new int[] {4, 7}, seg[2]);
        float[] f = fi.integrateToArray(fixture());
        float[] expected = new float[3 * 2 * 2 * 3];
        // frame 0: e0 ON (0,0); e1 OFF (1,0)
        expected[((0 * 2 + 1) * 2 + 0) * 3 + 0] = 1;
        expected[((0 * 2 + 0) * 2 + 0) * 3 + 1] = 1;
        // frame 1: e2 ON (2,1); e3 ON (0,1)
        expected[((1 * 2 + 1) * 2 + 1) * 3 + 2] = 1;
        expected[((1 * 2 + 1) * 2 + 1) * 3 + 0] = 1;
        // frame 2: e4 ON (0,0); e5 OFF (2,1); e6 OFF (1,1)
        expected[((2 * 2 + 1) * 2 + 0) * 3 + 0] = 1;
        expected[((2 * 2 + 0) * 2 + 1) * 3 + 2] = 1;
        expected[((2 * 2 + 0) * 2 + 1) * 3 + 1] = 1;
        assertArrayEquals(expected, f);
    }

    @Test
    void byTimeUsesIntegerWindowsAndLastWindowRunsToEnd() {
        FrameIntegrator fi = new FrameIntegrator(3, SplitMethod.BY_TIME);
        // span 100, dt = 33: [0,33) -> e0..e3, [33,66) -> e4,e5, [66, end] -> e6
        int[][] seg = fi.segments(fixture().t());
        assertArrayEquals(new int[] {0, 4}, seg[0]);
        assertArrayEquals(new int[] {4, 6}, seg[1]);
        assertArrayEquals(new int[] {6, 7}, seg[2]);
        float[] f = fi.integrateToArray(fixture());
        assertEquals(1, at(f, 0, 1, 0, 0));
        assertEquals(1, at(f, 0, 0, 0, 1));
        assertEquals(1, at(f, 0, 1, 1, 2));
        assertEquals(1, at(f, 0, 1, 1, 0));
        assertEquals(1, at(f, 1, 1, 0, 0));
        assertEquals(1, at(f, 1, 0, 1, 2));
        assertEquals(1, at(f, 2, 0, 1, 1));
        float sum = 0;
        for (float v : f) {
            sum += v;
        }
        assertEquals(7, sum);
    }

    @Test
    void byTimeWithRemainderPutsLateEventsInLastWindow() {
        // span 10, T = 4: dt = 2; windows [0,2),[2,4),[4,6),[6, end]; t = 9 and 10 land in the last
        long[] t = {0, 1, 2, 5, 6, 9, 10};
        int[][] seg = new FrameIntegrator(4, SplitMethod.BY_TIME).segments(t);
        assertArrayEquals(new int[][] {{0, 2}, {2, 3}, {3, 4}, {4, 7}}, seg);
    }

    @Test
    void byTimeEmptyWindowGivesZeroFrame() {
        long[] t = {0, 1, 100};
        int[][] seg = new FrameIntegrator(3, SplitMethod.BY_TIME).segments(t);
        assertEquals(seg[1][0], seg[1][1]);
        assertArrayEquals(new int[] {2, 3}, seg[2]);
    }

    @Test
    void sameEventAtSamePixelCountsTwice() {
        EventStream s = new EventStream(2, 2, new long[] {0, 1}, new int[] {1, 1}, new int[] {1, 1}, new byte[] {1, 1});
        INDArray f = new FrameIntegrator(1, SplitMethod.BY_COUNT).integrate(s);
        assertArrayEquals(new long[] {1, 2, 2, 2}, f.shape());
        assertEquals(2f, f.getFloat(0, 1, 1, 1));
        assertEquals(2f, f.sumNumber().floatValue());
    }
}
