package io.snn4j.data.frames;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spatial resize of frame stacks [..., H, W] (e.g. DVS 128→48 as in TET, Deng et al. 2022), with
 * PyTorch-compatible nearest, bilinear (align_corners=False) and anti-aliased bilinear modes; separable.
 */
public final class FrameResize {
    private final int outH;
    private final int outW;
    private final ResizeMode mode;

    /** Resizes to outH x outW with the given mode. */
    public FrameResize(int outH, int outW, ResizeMode mode) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + outH + "x" + outW);
        }
        this.outH = outH;
        this.outW = outW;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** Output height. */
    public int outH() {
        return outH;
    }

    /** Output width. */
    public int outW() {
        return outW;
    }

    /** The interpolation mode. */
    public ResizeMode mode() {
        return mode;
    }

    /** Resizes {@code planes} row-major planes of h x w held in {@code src}. */
    public float[] resize(float[] src, int planes, int h, int w) {
        if (src.length != planes * h * w) {
            throw new IllegalArgumentException("array of " + src.length + " floats is not " + planes + "x" + h + "x" + w);
        }
        Weights wx = weights(w, outW);
        Weights wy = weights(h, outH);
        float[] tmp = new float[h * outW];
        float[] out = new float[planes * outH * outW];
        for (int pl = 0; pl < planes; pl++) {
            int sb = pl * h * w;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < outW; c++) {
                    double acc = 0;
                    for (int k = 0; k < wx.count[c]; k++) {
                        acc += wx.w[c][k] * src[sb + r * w + wx.start[c] + k];
                    }
                    tmp[r * outW + c] = (float) acc;
                }
            }
            int ob = pl * outH * outW;
            for (int r = 0; r < outH; r++) {
                for (int c = 0; c < outW; c++) {
                    double acc = 0;
                    for (int k = 0; k < wy.count[r]; k++) {
                        acc += wy.w[r][k] * tmp[(wy.start[r] + k) * outW + c];
                    }
                    out[ob + r * outW + c] = (float) acc;
                }
            }
        }
        return out;
    }

    /** Resizes the last two axes of a FLOAT tensor of rank >= 2. */
    public INDArray resize(INDArray x) {
        long[] shape = x.shape();
        int rank = shape.length;
        int h = (int) shape[rank - 2];
        int w = (int) shape[rank - 1];
        int planes = (int) (x.length() / ((long) h * w));
        float[] data = x.dup('c').data().asFloat();
        float[] out = resize(data, planes, h, w);
        long[] os = shape.clone();
        os[rank - 2] = outH;
        os[rank - 1] = outW;
        return Nd4j.create(out, os, DataType.FLOAT);
    }

    /** Per output index: first source index, tap count and weights. */
    private static final class Weights {
        final int[] start;
        final int[] count;
        final double[][] w;

        Weights(int n) {
            start = new int[n];
            count = new int[n];
            w = new double[n][];
        }
    }

    private Weights weights(int in, int out) {
        Weights res = new Weights(out);
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            switch (mode) {
                case NEAREST -> {
                    res.start[i] = Math.min((int) Math.floor(i * scale), in - 1);
                    res.count[i] = 1;
                    res.w[i] = new double[] {1.0};
                }
                case BILINEAR -> {
                    double s = Math.max((i + 0.5) * scale - 0.5, 0.0);
                    int i0 = Math.min((int) Math.floor(s), in - 1);
                    int i1 = Math.min(i0 + 1, in - 1);
                    double l = s - i0;
                    res.start[i] = i0;
                    if (i1 == i0) {
                        res.count[i] = 1;
                        res.w[i] = new double[] {1.0};
                    } else {
                        res.count[i] = 2;
                        res.w[i] = new double[] {1 - l, l};
                    }
                }
                case BILINEAR_ANTIALIAS -> {
                    double support = scale >= 1.0 ? scale : 1.0;
                    double fscale = scale >= 1.0 ? scale : 1.0;
                    double center = (i + 0.5) * scale;
                    int lo = Math.max((int) (center - support + 0.5), 0);
                    int hi = Math.min((int) (center + support + 0.5), in);
                    double[] ws = new double[hi - lo];
                    double total = 0;
                    for (int j = lo; j < hi; j++) {
                        double v = 1.0 - Math.abs((j - center + 0.5) / fscale);
                        ws[j - lo] = Math.max(v, 0.0);
                        total += ws[j - lo];
                    }
                    for (int k = 0; k < ws.length; k++) {
                        ws[k] = total > 0 ? ws[k] / total : 0;
                    }
                    res.start[i] = lo;
                    res.count[i] = ws.length;
                    res.w[i] = ws;
                }
                default -> throw new IllegalStateException(mode.toString());
            }
        }
        return res;
    }
}
