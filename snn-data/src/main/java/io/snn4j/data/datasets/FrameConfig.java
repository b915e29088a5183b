package io.snn4j.data.datasets;

import io.snn4j.data.frames.ResizeMode;
import io.snn4j.data.frames.SplitMethod;

/**
 * How recordings become frames: T, split method and an optional resize (size 0 = native resolution);
 * also the frame-cache key.
 */
public record FrameConfig(int frames, SplitMethod method, int resizeH, int resizeW, ResizeMode resizeMode) {
    public FrameConfig {
        if (frames <= 0 || resizeH < 0 || resizeW < 0 || (resizeH == 0) != (resizeW == 0)) {
            throw new IllegalArgumentException("need frames > 0 and both resize sizes 0 or both positive");
        }
        java.util.Objects.requireNonNull(method, "method");
        java.util.Objects.requireNonNull(resizeMode, "resizeMode");
    }

    /** T frames split by {@code method} at the sensor's resolution. */
    public static FrameConfig of(int frames, SplitMethod method) {
        return new FrameConfig(frames, method, 0, 0, ResizeMode.BILINEAR_ANTIALIAS);
    }

    /** The same, resized to size x size with {@code mode} (e.g. 48, as TET does for DVS data). */
    public FrameConfig resized(int size, ResizeMode mode) {
        return new FrameConfig(frames, method, size, size, mode);
    }

    /** True when frames are resized. */
    public boolean resizes() {
        return resizeH > 0;
    }

    /** Cache directory name, e.g. "T10_BY_COUNT_48x48_BILINEAR_ANTIALIAS" or "T16_BY_TIME_native". */
    public String cacheKey() {
        return "T" + frames + "_" + method + "_" + (resizes() ? resizeW + "x" + resizeH + "_" + resizeMode : "native");
    }
}
