package io.snn4j.core.functional;

import static io.snn4j.core.functional.NativeOps.c;
import static io.snn4j.core.functional.NativeOps.shape;

import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D convolution (PyTorch {@code F.conv2d}: NCHW input, OIHW weight) as one libnd4j {@code conv2d} op forward;
 * backward either as libnd4j's {@code conv2d_bp} ({@link Backward#FUSED}) or split into the input gradient
 * ({@code deconv2d_tf}, oneDNN's backward-data primitive) and the weight gradient as im2col plus one GEMM
 * ({@link Backward#SPLIT}), chosen per shape by {@link Backward#AUTO}.
 */
public final class Convolution {
    private Convolution() {
    }

    /** How the backward pass is computed; the gradients are the same up to float summation order. */
    public enum Backward {
        /**
         * {@link #SPLIT} when the input needs no gradient (the first layer: the split backward then computes the
         * weight gradient only, about half the work of {@code conv2d_bp}) and for stride-1, undilated 3×3
         * convolutions with at most 8×8 square outputs and more than 256·256 input·output channels; {@link #FUSED}
         * otherwise. On those 3×3 shapes oneDNN (inside {@code conv2d_bp}) picks its Winograd backward-weights
         * kernel, which there costs 2–7× the split backward (measured: 512→512 channels at 2×2, batch 8, 69 ms
         * fused vs 10 ms split; docs/benchmarks.md). A fixed rule on the shape, not a timing, so that a run's
         * arithmetic does not depend on machine noise.
         */
        AUTO,
        /** One libnd4j {@code conv2d_bp} op computing every gradient. */
        FUSED,
        /**
         * The input gradient by {@code deconv2d_tf} (skipped when the input needs none) and the weight gradient
         * as {@code im2col} then {@code dW = G·colᵀ} in one GEMM. On non-square outputs the input gradient is
         * {@code col2im(Wᵀ·G)} instead (libnd4j 1.0.0-M2.1's {@code deconv2d_tf} takes the output width for its
         * height). Dilated convolutions always run this way, forward as im2col + GEMM (oneDNN rejects them).
         */
        SPLIT;

        Backward resolve(boolean inputGrad, long inChannels, long outChannels, int kH, int kW, int sH, int sW,
                         int dH, int dW, long oH, long oW) {
            if (this != AUTO) {
                return this;
            }
            boolean winogradShape = kH == 3 && kW == 3 && sH == 1 && sW == 1 && dH == 1 && dW == 1;
            boolean winogradSlow = winogradShape && oH * oW <= 64 && inChannels * outChannels > 256L * 256;
            return oH == oW && (!inputGrad || winogradSlow) ? SPLIT : FUSED;
        }
    }

    /** Square stride and zero padding, no dilation. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(x, weight, bias, stride, stride, padding, padding, 1, 1);
    }

    /**
     * {@code x [N, C, H, W]}, {@code weight [O, C, kH, kW]}, {@code bias [O]} (nullable) →
     * {@code [N, O, oH, oW]} with {@code oH = ⌊(H + 2pH − dH(kH−1) − 1) / sH⌋ + 1}.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int sH, int sW, int pH, int pW, int dH, int dW) {
        return conv2d(x, weight, bias, sH, sW, pH, pW, dH, dW, Backward.AUTO);
    }

    /** As {@link #conv2d(Tensor, Tensor, Tensor, int, int, int, int, int, int)} with the backward path chosen. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int sH, int sW, int pH, int pW, int dH, int dW,
                                Backward backward) {
        String op = "conv2d";
        NativeOps.positive(op, "stride", Math.min(sH, sW));
        NativeOps.nonNegative(op, "padding", Math.min(pH, pW));
        NativeOps.positive(op, "dilation", Math.min(dH, dW));
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be [N, C, H, W], got shape " + shape(x));
        }
        if (weight.rank() != 4) {
            throw new IllegalArgumentException(op + ": weight must be [O, C, kH, kW], got shape " + shape(weight));
        }
        if (x.size(1) != weight.size(1)) {
            throw new IllegalArgumentException(op + ": input shape " + shape(x) + " has " + x.size(1)
                    + " channels but weight shape " + shape(weight) + " expects " + weight.size(1));
        }
        long o = weight.size(0);
        if (bias != null && (bias.rank() != 1 || bias.size(0) != o)) {
            throw new IllegalArgumentException(op + ": bias shape " + shape(bias) + " does not match weight shape "
                    + shape(weight) + " (need [" + o + "])");
        }
        NativeOps.sameType(op, x, weight, "weight");
        NativeOps.sameType(op, x, bias, "bias");
        int kH = (int) weight.size(2);
        int kW = (int) weight.size(3);
        long oH = NativeOps.outSize(x.size(2), kH, sH, pH, dH);
        long oW = NativeOps.outSize(x.size(3), kW, sW, pW, dW);
        if (oH < 1 || oW < 1) {
            throw new IllegalArgumentException(op + ": input shape " + shape(x) + " is too small for kernel "
                    + kH + "x" + kW + " with padding " + pH + "," + pW + " and dilation " + dH + "," + dW);
        }
        int[] iargs = {kH, kW, sH, sW, pH, pW, dH, dW, 0, 0, 1};
        INDArray xv = c(x.value());
        INDArray wv = c(weight.value());
        INDArray bv = bias == null ? null : c(bias.value());
        INDArray[] in = bias == null ? new INDArray[] {xv, wv} : new INDArray[] {xv, wv, bv};
        INDArray y = BufferPool.uninitialized(x.dataType(), x.size(0), o, oH, oW);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        boolean inputGrad = x.requiresGrad();
        if (dH > 1 || dW > 1) {
            // libnd4j 1.0.0-M2.1's oneDNN conv2d rejects every dilated FLOAT convolution ("could not create a
            // descriptor"): dilated convolutions run as im2col + GEMM both ways, in every data type
            im2colForward(xv, wv, bv, y, iargs);
            return Tensor.record(op, y, g -> splitBackward(xv, wv, bv, c(g[0]), iargs, inputGrad, true), inputs);
        }
        NativeOps.exec(op, in, new INDArray[] {y}, iargs);
        if (backward.resolve(inputGrad, x.size(1), o, kH, kW, sH, sW, dH, dW, oH, oW) == Backward.SPLIT) {
            boolean col2im = oH != oW;   // deconv2d_tf mishandles non-square outputs
            return Tensor.record(op, y, g -> splitBackward(xv, wv, bv, c(g[0]), iargs, inputGrad, col2im), inputs);
        }
        return Tensor.record(op, y, g -> {
            INDArray gx = BufferPool.uninitialized(xv.dataType(), xv.shape());
            INDArray gw = BufferPool.uninitialized(wv.dataType(), wv.shape());
            INDArray[] bpIn;
            INDArray[] bpOut;
            if (bv == null) {
                bpIn = new INDArray[] {xv, wv, c(g[0])};
                bpOut = new INDArray[] {gx, gw};
            } else {
                bpIn = new INDArray[] {xv, wv, bv, c(g[0])};
                bpOut = new INDArray[] {gx, gw, Nd4j.create(bv.dataType(), bv.shape())};
            }
            NativeOps.exec("conv2d_bp", bpIn, bpOut, iargs);
            INDArray[] r = new INDArray[inputs.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = bpOut[i]; // the tape drops (and recycles) gradients of inputs that need none
            }
            return r;
        }, inputs);
    }

    /** The patches {@code [N, C, kH, kW, oH, oW]} of {@code x} that the kernel {@code w} meets (libnd4j {@code im2col}). */
    private static INDArray im2col(INDArray xv, INDArray wv, long oH, long oW, int[] iargs) {
        INDArray col = BufferPool.uninitialized(xv.dataType(), xv.size(0), xv.size(1), wv.size(2), wv.size(3), oH, oW);
        NativeOps.exec("im2col", new INDArray[] {xv}, new INDArray[] {col}, java.util.Arrays.copyOf(iargs, 9));
        return col;
    }

    /** {@code y[n] = W·colₙ + b} over the im2col patches of {@code x}, one GEMM per sample. */
    private static void im2colForward(INDArray xv, INDArray wv, INDArray bv, INDArray y, int[] iargs) {
        long n = xv.size(0);
        long o = wv.size(0);
        long ckk = wv.length() / o;
        long p = y.size(2) * y.size(3);
        INDArray cols = im2col(xv, wv, y.size(2), y.size(3), iargs).reshape('c', n, ckk, p);
        INDArray ys = y.reshape('c', n, o, p);
        INDArray w2 = wv.reshape('c', o, ckk);
        for (long i = 0; i < n; i++) {
            Nd4j.gemm(w2, cols.slice(i), ys.slice(i), false, false, 1.0, 0.0);
        }
        BufferPool.recycle(cols);
        if (bv != null) {
            ys.addi(bv.reshape(1, o, 1).broadcast(n, o, p));
        }
    }

    /**
     * {@link Backward#SPLIT}: dX by the backward-data op ({@code deconv2d_tf}) or, with {@code col2im}, as
     * {@code col2im(Wᵀ·Gₙ)}; dW = G·colᵀ over im2col patches; db = Σ G.
     */
    private static INDArray[] splitBackward(INDArray xv, INDArray wv, INDArray bv, INDArray g, int[] iargs,
                                            boolean inputGrad, boolean col2im) {
        long n = xv.size(0);
        long c = xv.size(1);
        long o = wv.size(0);
        long kh = wv.size(2);
        long kw = wv.size(3);
        long p = g.size(2) * g.size(3);
        INDArray gx = null;
        if (inputGrad && col2im) {
            INDArray gcol = BufferPool.uninitialized(xv.dataType(), n, c, kh, kw, g.size(2), g.size(3));
            INDArray gcols = gcol.reshape('c', n, c * kh * kw, p);
            INDArray grads = g.reshape('c', n, o, p);
            INDArray w2 = wv.reshape('c', o, c * kh * kw);
            for (long i = 0; i < n; i++) {
                Nd4j.gemm(w2, grads.slice(i), gcols.slice(i), true, false, 1.0, 0.0);
            }
            gx = BufferPool.uninitialized(xv.dataType(), xv.shape());
            // col2im: sH, sW, pH, pW, iH, iW, dH, dW, same mode
            NativeOps.exec("col2im", new INDArray[] {gcol}, new INDArray[] {gx}, new int[] {iargs[2], iargs[3], iargs[4],
                iargs[5], (int) xv.size(2), (int) xv.size(3), iargs[6], iargs[7], 0});
            BufferPool.recycle(gcol);
        } else if (inputGrad) {
            gx = BufferPool.uninitialized(xv.dataType(), xv.shape());
            int[] a = java.util.Arrays.copyOf(iargs, 10);   // kH..dW, same mode 0, NCHW 0; weights as [kH, kW, C, O]
            NativeOps.exec("deconv2d_tf", new INDArray[] {Nd4j.createFromArray(xv.shape()), wv.permute(2, 3, 1, 0), g},
                    new INDArray[] {gx}, a);
        }
        INDArray col = im2col(xv, wv, g.size(2), g.size(3), iargs);
        long ckk = c * kh * kw;
        INDArray gw = BufferPool.uninitialized(wv.dataType(), wv.shape());
        INDArray gw2 = gw.reshape('c', o, ckk);
        if (p >= 256) {
            // many positions per sample: dW = Σₙ Gₙ·colₙᵀ, one GEMM per sample accumulating in place
            INDArray cols = col.reshape('c', n, ckk, p);
            INDArray grads = g.reshape('c', n, o, p);
            for (long i = 0; i < n; i++) {
                Nd4j.gemm(grads.slice(i), cols.slice(i), gw2, false, true, 1.0, i == 0 ? 0.0 : 1.0);
            }
        } else {
            // few positions: [N, C·kH·kW, P] → [C·kH·kW, N·P] and [N, O, P] → [O, N·P], then one GEMM
            INDArray cols = BufferPool.uninitialized(xv.dataType(), ckk, n, p);
            cols.assign(col.reshape('c', n, ckk, p).permute(1, 0, 2));
            INDArray grads = BufferPool.uninitialized(xv.dataType(), o, n, p);
            grads.assign(g.reshape('c', n, o, p).permute(1, 0, 2));
            Nd4j.gemm(grads.reshape('c', o, n * p), cols.reshape('c', ckk, n * p), gw2, false, true, 1.0, 0.0);
            BufferPool.recycle(cols);
            BufferPool.recycle(grads);
        }
        // the patches are a temporary of this call: back to the pool, not to the collector
        BufferPool.recycle(col);
        INDArray gb = bv == null ? null : g.sum(0, 2, 3);
        return bv == null ? new INDArray[] {gx, gw} : new INDArray[] {gx, gw, gb};
    }
}
