package io.snn4j.data.augment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.random.RandomGenerator;

/**
 * torchvision-style RandomCrop(size, padding): zero-pad H and W by {@code padding}, then crop a
 * size x size window at a uniformly drawn top (first draw) and left (second draw).
 */
public final class RandomCrop implements ImageTransform {
    private final int size;
    private final int padding;

    /** Crops {@code size} x {@code size} after zero padding of {@code padding} on every side. */
    public RandomCrop(int size, int padding) {
        if (size <= 0 || padding < 0) {
            throw new IllegalArgumentException("need size > 0 and padding >= 0");
        }
        this.size = size;
        this.padding = padding;
    }

    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        long[] s = x.shape();
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        int ph = h + 2 * padding;
        int pw = w + 2 * padding;
        if (size > ph || size > pw) {
            throw new IllegalArgumentException("crop " + size + " larger than padded input " + ph + "x" + pw);
        }
        int top = rng.nextInt(ph - size + 1);
        int left = rng.nextInt(pw - size + 1);
        return crop(x, top, left);
    }

    /** The crop whose top-left corner is (top, left) in padded coordinates. */
    public INDArray crop(INDArray x, int top, int left) {
        long[] s = x.shape();
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        float[] in = x.dup('c').data().asFloat();
        int planes = in.length / (h * w);
        float[] out = new float[planes * size * size];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < size; r++) {
                int sr = top + r - padding;
                if (sr < 0 || sr >= h) {
                    continue;
                }
                for (int c = 0; c < size; c++) {
                    int sc = left + c - padding;
                    if (sc >= 0 && sc < w) {
                        out[(pl * size + r) * size + c] = in[(pl * h + sr) * w + sc];
                    }
                }
            }
        }
        long[] os = s.clone();
        os[s.length - 2] = size;
        os[s.length - 1] = size;
        return Nd4j.create(out, os, DataType.FLOAT);
    }
}
