package io.snn4j.core.autograd;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Elementwise arithmetic with NumPy-style broadcasting, and elementwise functions, with their gradients. */
public final class MathOps {
    private MathOps() {
    }

    /** Checks the operands share a data type and their shapes broadcast; returns the result shape. */
    static long[] broadcastShape(String op, Tensor a, Tensor b) {
        if (a.dataType() != b.dataType()) {
            throw new IllegalArgumentException(op + ": data types differ: " + a.dataType() + " and " + b.dataType());
        }
        long[] sa = a.shape();
        long[] sb = b.shape();
        int r = Math.max(sa.length, sb.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - sa.length ? 1 : sa[i - (r - sa.length)];
            long db = i < r - sb.length ? 1 : sb[i - (r - sb.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(sa) + " and "
                        + Arrays.toString(sb) + " are not broadcastable");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Sums a broadcast gradient back down to {@code shape} (the inverse of broadcasting). */
    public static INDArray unbroadcast(INDArray g, long[] shape) {
        long[] gs = g.shape();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        int[] axes = new int[gs.length];
        int n = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                axes[n++] = i;
            }
        }
        INDArray s = n == 0 ? g : g.sum(true, Arrays.copyOf(axes, n));
        return s.reshape(shape);
    }

    private static INDArray broadcastTo(INDArray a, long[] shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        return Nd4j.zeros(a.dataType(), shape).addi(a);
    }

    public static Tensor add(Tensor a, Tensor b) {
        long[] shape = broadcastShape("add", a, b);
        INDArray out;
        if (Arrays.equals(a.shape(), b.shape()) && a.dataType() == b.dataType()) {
            // the common case (a residual sum): into a pooled buffer, which the step hands back when it ends
            out = a.value().add(b.value(), BufferPool.uninitialized(a.dataType(), shape));
        } else {
            out = broadcastTo(a.value(), shape).add(b.value());
        }
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record("add", out, g -> new INDArray[] {unbroadcast(g[0], sa), unbroadcast(g[0], sb)}, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        long[] shape = broadcastShape("sub", a, b);
        INDArray out = broadcastTo(a.value(), shape).sub(b.value());
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record("sub", out, g -> new INDArray[] {unbroadcast(g[0], sa), unbroadcast(g[0].neg(), sb)}, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        long[] shape = broadcastShape("mul", a, b);
        INDArray av = a.value();
        INDArray bv = b.value();
        INDArray out = broadcastTo(av, shape).mul(bv);
        return Tensor.record("mul", out, g -> new INDArray[] {
            a.requiresGrad() ? unbroadcast(g[0].mul(bv), av.shape()) : null,
            b.requiresGrad() ? unbroadcast(g[0].mul(av), bv.shape()) : null}, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        long[] shape = broadcastShape("div", a, b);
        INDArray av = a.value();
        INDArray bv = b.value();
        INDArray out = broadcastTo(av, shape).div(bv);
        return Tensor.record("div", out, g -> new INDArray[] {
            a.requiresGrad() ? unbroadcast(g[0].div(bv), av.shape()) : null,
            // d(a/b)/db = -a/b^2 = -out/b
            b.requiresGrad() ? unbroadcast(g[0].mul(out).div(bv).negi(), bv.shape()) : null}, a, b);
    }

    public static Tensor addScalar(Tensor a, double c) {
        return Tensor.record("addScalar", a.value().add(c), g -> new INDArray[] {g[0]}, a);
    }

    public static Tensor mulScalar(Tensor a, double c) {
        return Tensor.record("mulScalar", a.value().mul(c), g -> new INDArray[] {g[0].mul(c)}, a);
    }

    public static Tensor pow(Tensor a, double p) {
        INDArray x = a.value();
        INDArray out = Transforms.pow(x, p, true);
        return Tensor.record("pow", out, g -> new INDArray[] {g[0].mul(Transforms.pow(x, p - 1, true).muli(p))}, a);
    }

    public static Tensor exp(Tensor a) {
        INDArray out = Transforms.exp(a.value(), true);
        return Tensor.record("exp", out, g -> new INDArray[] {g[0].mul(out)}, a);
    }

    public static Tensor log(Tensor a) {
        INDArray x = a.value();
        return Tensor.record("log", Transforms.log(x, true), g -> new INDArray[] {g[0].div(x)}, a);
    }

    public static Tensor sigmoid(Tensor a) {
        INDArray out = Transforms.sigmoid(a.value(), true);
        return Tensor.record("sigmoid", out, g -> new INDArray[] {g[0].mul(out).muli(out.rsub(1.0))}, a);
    }

    public static Tensor tanh(Tensor a) {
        INDArray out = Transforms.tanh(a.value(), true);
        return Tensor.record("tanh", out, g -> new INDArray[] {g[0].mul(out.mul(out).rsubi(1.0))}, a);
    }

    public static Tensor relu(Tensor a) {
        INDArray x = a.value();
        INDArray mask = x.gt(0.0).castTo(x.dataType());
        return Tensor.record("relu", x.mul(mask), g -> new INDArray[] {g[0].mul(mask)}, a);
    }
}
