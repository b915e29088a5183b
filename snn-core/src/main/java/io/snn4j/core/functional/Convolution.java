package io.snn4j.core.functional;

import static io.snn4j.core.functional.NativeOps.c;
import static io.snn4j.core.functional.NativeOps.shape;

import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D convolution (PyTorch {@code F.conv2d}: NCHW input, OIHW weight) as one libnd4j {@code conv2d}
 * op forward and {@code conv2d_bp} backward (wFormat 1, explicit padding).
 */
public final class Convolution {
    private Convolution() {
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
        NativeOps.exec(op, in, new INDArray[] {y}, iargs);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
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
}
