package io.snn4j.core.autograd;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * A buffer of {@code a}'s type and shape for an element-wise result, from the {@link BufferPool}: the tape hands
     * it back when the step releases it, and the next step's same op takes it again instead of fresh memory (a fresh
     * result would also leave one pooled buffer unused, which the pool then drops to the collector every step).
     */
    static INDArray like(INDArray a) {
        return BufferPool.uninitialized(a.dataType(), a.shape());
    }

    private static boolean sameShape(Tensor a, Tensor b) {
        return Arrays.equals(a.shape(), b.shape());
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
        if (sameShape(a, b)) {
            out = a.value().add(b.value(), like(a.value()));
        } else {
            out = broadcastTo(a.value(), shape).add(b.value());
        }
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record("add", out, g -> new INDArray[] {unbroadcast(g[0], sa), unbroadcast(g[0], sb)}, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        long[] shape = broadcastShape("sub", a, b);
        if (sameShape(a, b)) {
            INDArray out = a.value().sub(b.value(), like(a.value()));
            return Tensor.record("sub", out, g -> new INDArray[] {g[0], g[0].mul(-1.0, like(g[0]))}, a, b);
        }
        INDArray out = broadcastTo(a.value(), shape).sub(b.value());
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record("sub", out, g -> new INDArray[] {unbroadcast(g[0], sa), unbroadcast(g[0].neg(), sb)}, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        long[] shape = broadcastShape("mul", a, b);
        INDArray av = a.value();
        INDArray bv = b.value();
        if (sameShape(a, b)) {
            return Tensor.record("mul", av.mul(bv, like(av)), g -> new INDArray[] {
                a.requiresGrad() ? g[0].mul(bv, like(g[0])) : null,
                b.requiresGrad() ? g[0].mul(av, like(g[0])) : null}, a, b);
        }
        INDArray out = broadcastTo(av, shape).mul(bv);
        return Tensor.record("mul", out, g -> new INDArray[] {
            a.requiresGrad() ? unbroadcast(g[0].mul(bv), av.shape()) : null,
            b.requiresGrad() ? unbroadcast(g[0].mul(av), bv.shape()) : null}, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        long[] shape = broadcastShape("div", a, b);
        INDArray av = a.value();
        INDArray bv = b.value();
        if (sameShape(a, b)) {
            INDArray out = av.div(bv, like(av));
            return Tensor.record("div", out, g -> new INDArray[] {
                a.requiresGrad() ? g[0].div(bv, like(g[0])) : null,
                b.requiresGrad() ? g[0].mul(out, like(g[0])).divi(bv).negi() : null}, a, b);
        }
        INDArray out = broadcastTo(av, shape).div(bv);
        return Tensor.record("div", out, g -> new INDArray[] {
            a.requiresGrad() ? unbroadcast(g[0].div(bv), av.shape()) : null,
            // d(a/b)/db = -a/b^2 = -out/b
            b.requiresGrad() ? unbroadcast(g[0].mul(out).div(bv).negi(), bv.shape()) : null}, a, b);
    }

    public static Tensor addScalar(Tensor a, double c) {
        return Tensor.record("addScalar", a.value().add(c, like(a.value())), g -> new INDArray[] {g[0]}, a);
    }

    public static Tensor mulScalar(Tensor a, double c) {
        return Tensor.record("mulScalar", a.value().mul(c, like(a.value())), g -> new INDArray[] {g[0].mul(c, like(g[0]))},
                a);
    }

    public static Tensor pow(Tensor a, double p) {
        INDArray x = a.value();
        INDArray out = like(x);
        Nd4j.getExecutioner().exec(new Pow(x, out, p));
        return Tensor.record("pow", out, g -> {
            // g·p·x^(p−1), with the product taken in the same order as g.mul(x^(p−1)·p)
            INDArray d = like(x);
            Nd4j.getExecutioner().exec(new Pow(x, d, p - 1));
            return new INDArray[] {d.muli(p).muli(g[0])};
        }, a);
    }

    public static Tensor exp(Tensor a) {
        INDArray out = like(a.value());
        Nd4j.getExecutioner().exec(new Exp(a.value(), out));
        return Tensor.record("exp", out, g -> new INDArray[] {g[0].mul(out, like(g[0]))}, a);
    }

    public static Tensor log(Tensor a) {
        INDArray x = a.value();
        INDArray out = like(x);
        Nd4j.getExecutioner().exec(new Log(x, out));
        return Tensor.record("log", out, g -> new INDArray[] {g[0].div(x, like(g[0]))}, a);
    }

    public static Tensor sigmoid(Tensor a) {
        INDArray out = like(a.value());
        Nd4j.getExecutioner().exec(new Sigmoid(a.value(), out));
        return Tensor.record("sigmoid", out, g -> {
            // g·σ·(1 − σ), in that order
            INDArray oneMinus = out.rsub(1.0, like(out));
            INDArray d = g[0].mul(out, like(g[0])).muli(oneMinus);
            BufferPool.recycle(oneMinus);
            return new INDArray[] {d};
        }, a);
    }

    public static Tensor tanh(Tensor a) {
        INDArray out = like(a.value());
        Nd4j.getExecutioner().exec(new Tanh(a.value(), out));
        return Tensor.record("tanh", out, g -> {
            // g·(1 − tanh²)
            INDArray slope = out.mul(out, like(out)).rsubi(1.0);
            INDArray d = g[0].mul(slope, like(g[0]));
            BufferPool.recycle(slope);
            return new INDArray[] {d};
        }, a);
    }

    public static Tensor relu(Tensor a) {
        INDArray x = a.value();
        INDArray out = like(x);
        Nd4j.getExecutioner().exec(new RectifiedLinear(x, out, 0.0));
        return Tensor.record("relu", out, g -> {
            // dL/dx = g where x > 0, else 0 (libnd4j's relu_bp; PyTorch's threshold_backward)
            INDArray gx = like(x);
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, g[0]).addOutputs(gx).build());
            return new INDArray[] {gx};
        }, a);
    }
}
