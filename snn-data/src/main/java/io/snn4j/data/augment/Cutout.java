package io.snn4j.data.augment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.random.RandomGenerator;

/**
 * Cutout (DeVries and Taylor 2017, arXiv:1708.04552): {@code holes} times, a centre pixel is drawn
 * uniformly (row, then column) and the {@code length} x {@code length} square around it (rows
 * [cy − length/2, cy + length/2), clipped at the border) is set to 0 in every channel. Applied after
 * normalisation as in the authors' code, so 0 is the channel mean. Their CIFAR-10 setting is one hole
 * of 16, CIFAR-100 one of 8.
 */
public final class Cutout implements ImageTransform {
    private final int holes;
    private final int length;

    /** {@code holes} squares of side {@code length}. */
    public Cutout(int holes, int length) {
        if (holes <= 0 || length <= 0) {
            throw new IllegalArgumentException("holes and length must be positive: holes=" + holes + ", length=" + length);
        }
        this.holes = holes;
        this.length = length;
    }

    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        long[] s = x.shape();
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        float[] d = x.dup('c').data().asFloat();
        int planes = d.length / (h * w);
        for (int k = 0; k < holes; k++) {
            int cy = rng.nextInt(h);
            int cx = rng.nextInt(w);
            int y0 = Math.max(cy - length / 2, 0);
            int y1 = Math.min(cy + length / 2, h);
            int x0 = Math.max(cx - length / 2, 0);
            int x1 = Math.min(cx + length / 2, w);
            for (int pl = 0; pl < planes; pl++) {
                for (int r = y0; r < y1; r++) {
                    java.util.Arrays.fill(d, (pl * h + r) * w + x0, (pl * h + r) * w + x1, 0f);
                }
            }
        }
        return Nd4j.create(d, s, DataType.FLOAT);
    }
}
