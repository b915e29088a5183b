package io.snn4j.data.frames;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.random.RandomGenerator;

/**
 * DVS training augmentation of TET (Deng et al. 2022) for frames [T, C, H, W]: horizontal flip with
 * probability p, then a cyclic roll (torch.roll) by dy, dx drawn uniformly from [-maxShift, maxShift]
 * in H and W; every draw comes from the injected generator.
 */
public final class DvsAugment implements io.snn4j.data.augment.ImageTransform {
    private final double flipProbability;
    private final int maxShift;

    /** TET's setting: flip p = 0.5, roll up to ±5 pixels. */
    public static DvsAugment tet() {
        return new DvsAugment(0.5, 5);
    }

    /** Custom flip probability and maximum roll. */
    public DvsAugment(double flipProbability, int maxShift) {
        if (flipProbability < 0 || flipProbability > 1 || maxShift < 0) {
            throw new IllegalArgumentException("need 0 <= p <= 1 and maxShift >= 0");
        }
        this.flipProbability = flipProbability;
        this.maxShift = maxShift;
    }

    /**
     * Applies the augmentation to row-major planes of h x w ({@code data.length / (h·w)} planes), in a new array.
     * Draw order: flip (nextDouble() &lt; p), then dy, then dx.
     */
    public float[] apply(float[] data, int h, int w, RandomGenerator rng) {
        boolean flip = rng.nextDouble() < flipProbability;
        int dy = maxShift == 0 ? 0 : rng.nextInt(-maxShift, maxShift + 1);
        int dx = maxShift == 0 ? 0 : rng.nextInt(-maxShift, maxShift + 1);
        return transform(data, h, w, flip, dy, dx);
    }

    /** Flip (when {@code flip}) along W, then roll by dy rows and dx columns: out[(r+dy) mod H][(c+dx) mod W] = in[r][c]. */
    public static float[] transform(float[] data, int h, int w, boolean flip, int dy, int dx) {
        int plane = h * w;
        int planes = data.length / plane;
        float[] out = new float[data.length];
        for (int pl = 0; pl < planes; pl++) {
            int b = pl * plane;
            for (int r = 0; r < h; r++) {
                int orow = Math.floorMod(r + dy, h);
                for (int c = 0; c < w; c++) {
                    int sc = flip ? w - 1 - c : c;
                    int ocol = Math.floorMod(c + dx, w);
                    out[b + orow * w + ocol] = data[b + r * w + sc];
                }
            }
        }
        return out;
    }

    /** Applies to a FLOAT tensor whose last two axes are H, W. */
    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        long[] s = x.shape();
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        return Nd4j.create(apply(x.dup('c').data().asFloat(), h, w, rng), s, DataType.FLOAT);
    }
}
