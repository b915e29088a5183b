package io.snn4j.data.augment;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * torchvision-style {@code CenterCrop(h, w)}: the window at top = round((H − h) / 2), left =
 * round((W − w) / 2) (Python's round, half to even); an input smaller than the window is padded with
 * zeros first, (size − H) // 2 before and the rest after, as torchvision pads. Deterministic.
 */
public final class CenterCrop implements ImageTransform {
    private final int height;
    private final int width;

    /** A square {@code size} x {@code size} crop. */
    public CenterCrop(int size) {
        this(size, size);
    }

    /** A {@code height} x {@code width} crop. */
    public CenterCrop(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("crop size must be positive: " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        int h = Planes.height(x);
        int w = Planes.width(x);
        return Planes.crop(x, offset(h, height), offset(w, width), height, width);
    }

    /**
     * Start of the window along an axis of {@code size} for a crop of {@code crop}: round((size −
     * crop) / 2) half to even, or, for an axis padded because it is shorter than the crop, minus the
     * (crop − size) // 2 zeros torchvision pads before it.
     */
    static int offset(int size, int crop) {
        return crop > size ? -((crop - size) / 2) : (int) Math.rint((size - crop) / 2.0);
    }
}
