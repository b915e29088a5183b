package io.snn4j.data.augment;

import io.snn4j.data.frames.FrameResize;
import io.snn4j.data.frames.ResizeMode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Resize, CenterCrop, RandomResizedCrop and Cutout with torchvision's size and placement rules. */
class ImageNetTransformsTest {
    static INDArray ramp(int c, int h, int w) {
        float[] d = new float[c * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return Nd4j.create(d, new long[] {c, h, w}, DataType.FLOAT);
    }

    @Test
    void resizeKeepsTheAspectRatioOfTheShorterSideAsTorchvision() {
        Resize r = Resize.shorterSide(256);
        assertArrayEquals(new int[] {256, 341}, r.outputSize(375, 500)); // int(256 * 500 / 375) = 341
        assertArrayEquals(new int[] {455, 256}, r.outputSize(500, 281)); // int(256 * 500 / 281) = 455
        assertArrayEquals(new int[] {256, 256}, r.outputSize(100, 100));
        INDArray x = ramp(3, 30, 40);
        INDArray y = Resize.shorterSide(15).apply(x, new SplittableRandom(0));
        assertArrayEquals(new long[] {3, 15, 20}, y.shape());
        assertEquals(new FrameResize(15, 20, ResizeMode.BILINEAR_ANTIALIAS).resize(x), y);
        assertArrayEquals(new long[] {3, 7, 9}, Resize.to(7, 9).apply(x, null).shape());
    }

    @Test
    void centerCropRoundsHalfToEvenAndPadsSmallInputsLikeTorchvision() {
        assertEquals(2, CenterCrop.offset(5, 2)); // round(1.5) = 2
        assertEquals(2, CenterCrop.offset(7, 2)); // round(2.5) = 2 (half to even)
        assertEquals(4, CenterCrop.offset(9, 2)); // round(3.5) = 4
        assertEquals(-1, CenterCrop.offset(3, 6)); // pad (6 - 3) // 2 = 1 before
        INDArray x = ramp(1, 5, 4);
        INDArray c = new CenterCrop(2, 2).apply(x, null);
        assertArrayEquals(new float[] {9, 10, 13, 14}, c.data().asFloat()); // rows 2-3, cols 1-2
        INDArray p = new CenterCrop(7, 4).apply(ramp(1, 4, 4), null);
        assertArrayEquals(new long[] {1, 7, 4}, p.shape());
        for (int col = 0; col < 4; col++) {
            assertEquals(0f, p.getFloat(0, 0, col), "one zero row before");
            assertEquals(col, p.getFloat(0, 1, col), "then the input's first row");
            assertEquals(0f, p.getFloat(0, 5, col), "two zero rows after");
        }
        assertEquals(15f, p.getFloat(0, 4, 3));
        assertEquals(0f, p.getFloat(0, 6, 3), "two zero rows after");
    }

    @Test
    void randomResizedCropDrawsWindowsInsideTheImageWithTheScaleAndRatioRanges() {
        RandomResizedCrop t = new RandomResizedCrop(8);
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 500; k++) {
            int[] w = t.window(60, 80, rng);
            assertTrue(w[0] >= 0 && w[1] >= 0 && w[0] + w[2] <= 60 && w[1] + w[3] <= 80, java.util.Arrays.toString(w));
            double area = (double) w[2] * w[3] / (60 * 80);
            assertTrue(area >= 0.06 && area <= 1.0, "area " + area);
        }
        assertArrayEquals(t.window(60, 80, new SplittableRandom(9)), t.window(60, 80, new SplittableRandom(9)));
        // a strip too thin for any ratio in (3/4, 4/3): the fallback central crop clamps the ratio
        RandomResizedCrop big = new RandomResizedCrop(4, 4, 0.9, 1.0, 3.0 / 4.0, 4.0 / 3.0, ResizeMode.BILINEAR_ANTIALIAS);
        assertArrayEquals(new int[] {0, 42, 10, 13}, big.window(10, 97, new SplittableRandom(1)));
        INDArray out = t.apply(ramp(3, 60, 80), new SplittableRandom(4));
        assertArrayEquals(new long[] {3, 8, 8}, out.shape());
        assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(8, 8, 0, 1, 0.75, 1.33, ResizeMode.BILINEAR));
    }

    @Test
    void cutoutZeroesAClippedSquareAroundADrawnCentreInEveryChannel() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 2, 10, 10);
        SplittableRandom probe = new SplittableRandom(11);
        int cy = probe.nextInt(10);
        int cx = probe.nextInt(10);
        INDArray y = new Cutout(1, 4).apply(x, new SplittableRandom(11));
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < 10; r++) {
                for (int col = 0; col < 10; col++) {
                    boolean inside = r >= cy - 2 && r < cy + 2 && col >= cx - 2 && col < cx + 2;
                    assertEquals(inside ? 0f : 1f, y.getFloat(c, r, col), "c" + c + " r" + r + " col" + col);
                }
            }
        }
        assertEquals(200f, x.sumNumber().floatValue(), "the input is not modified");
        assertThrows(IllegalArgumentException.class, () -> new Cutout(0, 4));
    }
}
