package io.snn4j.models;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;

/**
 * Folds time into the batch ({@code [T, B, ...] → [T·B, ...]}) and back, for stateless layers inside blocks; both
 * are reshapes, i.e. views of the same buffer for the dense arrays layers produce (no copy).
 */
final class TimeFold {
    private TimeFold() {
    }

    static Tensor fold(Tensor x) {
        long[] s = x.shape();
        long[] f = Arrays.copyOfRange(s, 1, s.length);
        f[0] = s[0] * s[1];
        return x.reshape(f);
    }

    static Tensor unfold(Tensor y, long t) {
        long[] s = y.shape();
        long[] u = new long[s.length + 1];
        u[0] = t;
        u[1] = s[0] / t;
        System.arraycopy(s, 1, u, 2, s.length - 1);
        return y.reshape(u);
    }

    static long convOut(long size, int kernel, int stride, int padding) {
        return (size + 2L * padding - kernel) / stride + 1;
    }
}
