package io.snn4j.data.augment;

import io.snn4j.data.frames.FrameResize;
import io.snn4j.data.frames.ResizeMode;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * torchvision-style {@code RandomResizedCrop(size, scale, ratio)}: up to 10 tries draw an area
 * fraction uniformly from {@code scale} and a log-uniform aspect ratio from {@code ratio}, giving
 * w = round(√(area·ratio)), h = round(√(area/ratio)); the first window that fits is placed
 * uniformly (top, then left); otherwise the central crop of the largest window whose ratio is
 * clamped into {@code ratio}. The window is then resized to size x size (anti-aliased bilinear).
 * Draws come from the transform's seeded generator (same distribution as torchvision, not the same
 * random stream).
 */
public final class RandomResizedCrop implements ImageTransform {
    private final int height;
    private final int width;
    private final double scaleMin;
    private final double scaleMax;
    private final double ratioMin;
    private final double ratioMax;
    private final ResizeMode mode;

    /** torchvision's defaults: scale (0.08, 1), ratio (3/4, 4/3), anti-aliased bilinear. */
    public RandomResizedCrop(int size) {
        this(size, size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, ResizeMode.BILINEAR_ANTIALIAS);
    }

    /** All parameters; {@code scale} and {@code ratio} ranges must be positive and ordered. */
    public RandomResizedCrop(int height, int width, double scaleMin, double scaleMax, double ratioMin, double ratioMax,
                             ResizeMode mode) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be positive: " + height + "x" + width);
        }
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
            throw new IllegalArgumentException("scale must satisfy 0 < min <= max <= 1: (" + scaleMin + ", " + scaleMax + ")");
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax && Double.isFinite(ratioMax))) {
            throw new IllegalArgumentException("ratio must satisfy 0 < min <= max < inf: (" + ratioMin + ", " + ratioMax + ")");
        }
        this.height = height;
        this.width = width;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** The window {top, left, h, w} drawn for an input of {@code imgH} x {@code imgW} (torchvision's get_params). */
    public int[] window(int imgH, int imgW, RandomGenerator rng) {
        double area = (double) imgH * imgW;
        double logMin = Math.log(ratioMin);
        double logMax = Math.log(ratioMax);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * uniform(rng, scaleMin, scaleMax);
            double aspect = Math.exp(uniform(rng, logMin, logMax));
            int w = (int) Math.rint(Math.sqrt(target * aspect));
            int h = (int) Math.rint(Math.sqrt(target / aspect));
            if (w > 0 && w <= imgW && h > 0 && h <= imgH) {
                int top = rng.nextInt(imgH - h + 1);
                int left = rng.nextInt(imgW - w + 1);
                return new int[] {top, left, h, w};
            }
        }
        double inRatio = (double) imgW / imgH;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = imgW;
            h = (int) Math.rint(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = imgH;
            w = (int) Math.rint(h * ratioMax);
        } else {
            w = imgW;
            h = imgH;
        }
        return new int[] {(imgH - h) / 2, (imgW - w) / 2, h, w};
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }

    @Override
    public INDArray apply(INDArray x, RandomGenerator rng) {
        int[] win = window(Planes.height(x), Planes.width(x), rng);
        INDArray crop = Planes.crop(x, win[0], win[1], win[2], win[3]);
        return new FrameResize(height, width, mode).resize(crop);
    }
}
