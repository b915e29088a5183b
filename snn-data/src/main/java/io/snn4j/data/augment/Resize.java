package io.snn4j.data.augment;

import io.snn4j.data.frames.FrameResize;
import io.snn4j.data.frames.ResizeMode;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * torchvision-style {@code Resize}: with one size, the shorter side becomes {@code size} and the
 * longer one {@code floor(size · long / short)} (aspect ratio kept); with two, exactly h x w.
 * Bilinear with anti-aliasing by default (torchvision's default on tensors and PIL images), through
 * {@link FrameResize}. Deterministic: the generator is not used.
 */
public final class Resize implements ImageTransform {
    private final int size;
    private final int height;
    private final int width;
    private final ResizeMode mode;

    private Resize(int size, int height, int width, ResizeMode mode) {
        this.size = size;
        this.height = height;
        this.width = width;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** Shorter side to {@code size}, anti-aliased bilinear. */
    public static Resize shorterSide(int size) {
        return shorterSide(size, ResizeMode.BILINEAR_ANTIALIAS);
    }

    /** Shorter side to {@code size} with {@code mode}. */
    public static Resize shorterSide(int size, ResizeMode mode) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        return new Resize(size, 0, 0, mode);
    }

    /** Exactly {@code height} x {@code width}, anti-aliased bilinear. */
    public static Resize to(int height, int width) {
        return to(height, width, ResizeMode.BILINEAR_ANTIALIAS);
    }

    /** Exactly {@code height} x {@code width} with {@code mode}. */
    public static Resize to(int height, int width, ResizeMode mode) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("height and width must be positive: " + height + "x" + width);
        }
        return new Resize(0, height, width, mode);
    }

    /** The output size [h, w] for an input of h x w (torchvision's {@code _compute_resized_output_size}). */
    public int[] outputSize(int h, int w) {
        if (size == 0) {
            return new int[] {height, width};
        }
        int shortSide = Math.min(h, w);
        int longSide = Math.max(h, w);
        int newLong = (int) ((long) size * longSide / shortSide);
        return w <= h ? new int[] {newLong, size} : new int[] {size, newLong};
    }

    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        int[] out = outputSize(Planes.height(x), Planes.width(x));
        if (out[0] == Planes.height(x) && out[1] == Planes.width(x)) {
            return x.dup();
        }
        return new FrameResize(out[0], out[1], mode).resize(x);
    }
}
