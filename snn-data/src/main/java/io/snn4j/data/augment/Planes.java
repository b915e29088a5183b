package io.snn4j.data.augment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Window crops of the last two axes of FLOAT tensors [..., H, W], shared by the crop transforms. */
final class Planes {
    private Planes() {
    }

    /** The h x w window whose top-left corner is (top, left); pixels outside the input are 0. */
    static INDArray crop(INDArray x, int top, int left, int h, int w) {
        long[] s = x.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("expected [..., H, W], got " + java.util.Arrays.toString(s));
        }
        int ih = (int) s[s.length - 2];
        int iw = (int) s[s.length - 1];
        float[] in = x.dup('c').data().asFloat();
        int planes = in.length / (ih * iw);
        float[] out = new float[planes * h * w];
        int c0 = Math.max(0, -left);
        int c1 = Math.min(w, iw - left);
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < h; r++) {
                int sr = top + r;
                if (sr < 0 || sr >= ih || c0 >= c1) {
                    continue;
                }
                System.arraycopy(in, (pl * ih + sr) * iw + left + c0, out, (pl * h + r) * w + c0, c1 - c0);
            }
        }
        long[] os = s.clone();
        os[s.length - 2] = h;
        os[s.length - 1] = w;
        return Nd4j.create(out, os, DataType.FLOAT);
    }

    static int height(INDArray x) {
        return (int) x.size(x.rank() - 2);
    }

    static int width(INDArray x) {
        return (int) x.size(x.rank() - 1);
    }
}
