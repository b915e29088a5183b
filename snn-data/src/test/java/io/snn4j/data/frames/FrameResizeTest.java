package io.snn4j.data.frames;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FrameResizeTest {
    private static final float[] RAMP = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}; // 4x4

    @Test
    void nearestPicksFloorOfScaledIndex() {
        float[] out = new FrameResize(2, 2, ResizeMode.NEAREST).resize(RAMP, 1, 4, 4);
        assertArrayEquals(new float[] {0, 2, 8, 10}, out);
    }

    @Test
    void bilinearMatchesAlignCornersFalse() {
        // scale 2: source coordinate (i + 0.5)·2 − 0.5 = 0.5, 2.5 -> mean of neighbours
        float[] out = new FrameResize(2, 2, ResizeMode.BILINEAR).resize(RAMP, 1, 4, 4);
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, out, 1e-6f);
    }

    @Test
    void antialiasDownscaleByTwoAveragesWithTriangleWeights() {
        // scale 2, support 2: taps at 0..2 for output 0 with weights 0.25, 0.75... normalised over [0,3)
        float[] row = {0, 4, 8, 12};
        float[] out = new FrameResize(1, 2, ResizeMode.BILINEAR_ANTIALIAS).resize(row, 1, 1, 4);
        // output 0: center 1, taps j=0..2 weights (0.5, 1.0... ) -> 1 - |j + 0.5 - 1| / 2 = 0.75, 0.75, 0.25
        float expected0 = (0.75f * 0 + 0.75f * 4 + 0.25f * 8) / 1.75f;
        assertEquals(expected0, out[0], 1e-5f);
    }

    @Test
    void resizePreservesTotalCountApproximatelyFor128To48() {
        float[] in = new float[128 * 128];
        java.util.Arrays.fill(in, 1f);
        float[] out = new FrameResize(48, 48, ResizeMode.BILINEAR_ANTIALIAS).resize(in, 1, 128, 128);
        for (float v : out) {
            assertEquals(1f, v, 1e-5f);
        }
    }
}
