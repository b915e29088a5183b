package io.snn4j.core.autograd;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reshape, permute, flatten, slicing and stacking (e.g. along time), with their gradients. */
public final class ShapeOps {
    private ShapeOps() {
    }

    public static Tensor reshape(Tensor a, long... shape) {
        long[] in = a.shape();
        long n = 1;
        int infer = -1;
        long[] s = shape.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(shape));
                }
                infer = i;
            } else {
                n *= s[i];
            }
        }
        if (infer >= 0 && n > 0) {
            s[infer] = a.length() / n;
            n *= s[infer];
        }
        if (n != a.length()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(in) + " ("
                    + a.length() + " elements) to " + Arrays.toString(shape));
        }
        INDArray out = reshapeView(a.value(), s);
        return Tensor.record("reshape", out, g -> new INDArray[] {reshapeView(g[0], in)}, a);
    }

    /**
     * {@code a} reshaped: a view sharing {@code a}'s buffer when {@code a} is a plain c-ordered block (no copy, as
     * PyTorch's {@code view}), otherwise a c-ordered copy. Tape values are never written in place, so sharing is safe.
     */
    static INDArray reshapeView(INDArray a, long[] shape) {
        INDArray direct = overRoot(a, shape);
        if (direct != null) {
            return direct;
        }
        if (isDense(a)) {
            INDArray v = a.reshape('c', shape);
            if (v.offset() == 0 && v.data().address() == a.data().address()) {
                return v;
            }
        }
        return a.dup('c').reshape('c', shape);
    }

    /**
     * {@code a}'s elements as a c-ordered array of {@code shape} made directly over the root native buffer, or null
     * when {@code a} is not a plain c-ordered block starting where that buffer starts. Unlike ND4J's {@code reshape},
     * which wraps the buffer in a view buffer each time, the result is no view when it covers the whole buffer, so
     * kernels that need an unshared dense array (the neuron kernels) take it as it is instead of copying it.
     */
    public static INDArray overRoot(INDArray a, long... shape) {
        if (!isDense(a)) {
            return null;
        }
        DataBuffer root = BufferPool.root(a.data());
        if (root.address() != a.data().address() || root.length() < a.length()) {
            return null;
        }
        return Nd4j.create(root, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', a.dataType());
    }

    /** Whether {@code a} is a plain c-ordered block starting at its buffer's offset 0 (strides of size-1 dims ignored). */
    public static boolean isDense(INDArray a) {
        if (a.offset() != 0 || a.isEmpty()) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expect) {
                return false;
            }
            expect *= shape[i];
        }
        return a.data().length() >= expect;
    }

    public static Tensor permute(Tensor a, int... dims) {
        if (dims.length != a.rank()) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " does not match rank of shape "
                    + Arrays.toString(a.shape()));
        }
        int[] inverse = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            inverse[dims[i]] = i;
        }
        INDArray out = a.value().permute(dims).dup('c');
        return Tensor.record("permute", out, g -> new INDArray[] {g[0].permute(inverse).dup('c')}, a);
    }

    public static Tensor flatten(Tensor a, int startDim) {
        long[] s = a.shape();
        if (startDim < 0 || startDim >= s.length) {
            throw new IllegalArgumentException("flatten: start dimension " + startDim + " out of range for shape "
                    + Arrays.toString(s));
        }
        long[] out = Arrays.copyOf(s, startDim + 1);
        long n = 1;
        for (int i = startDim; i < s.length; i++) {
            n *= s[i];
        }
        out[startDim] = n;
        return reshape(a, out);
    }

    public static Tensor select(Tensor a, long i) {
        long[] s = a.shape();
        if (s.length == 0 || i < 0 || i >= s[0]) {
            throw new IllegalArgumentException("select: index " + i + " out of range for shape " + Arrays.toString(s));
        }
        INDArray out = a.value().get(NDArrayIndex.point(i)).dup('c');
        return Tensor.record("select", out, g -> {
            INDArray full = Nd4j.zeros(a.dataType(), s);
            full.get(NDArrayIndex.point(i)).assign(g[0]);
            return new INDArray[] {full};
        }, a);
    }

    public static Tensor narrow(Tensor a, int dim, long start, long length) {
        long[] s = a.shape();
        if (dim < 0 || dim >= s.length || start < 0 || length < 0 || start + length > s[dim]) {
            throw new IllegalArgumentException("narrow: [" + start + ", " + (start + length) + ") of dimension " + dim
                    + " out of range for shape " + Arrays.toString(s));
        }
        INDArrayIndex[] idx = new INDArrayIndex[s.length];
        for (int d = 0; d < s.length; d++) {
            idx[d] = d == dim ? NDArrayIndex.interval(start, start + length) : NDArrayIndex.all();
        }
        INDArray out = a.value().get(idx).dup('c');
        return Tensor.record("narrow", out, g -> {
            INDArray full = Nd4j.zeros(a.dataType(), s);
            full.get(idx).assign(g[0]);
            return new INDArray[] {full};
        }, a);
    }

    /** Stacks equally shaped tensors along a new dimension 0 (e.g. per-step outputs into {@code [T, ...]}). */
    public static Tensor stack(List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: no tensors");
        }
        long[] s = parts.get(0).shape();
        INDArray[] vals = new INDArray[parts.size()];
        for (int i = 0; i < vals.length; i++) {
            Tensor p = parts.get(i);
            if (!Arrays.equals(p.shape(), s) || p.dataType() != parts.get(0).dataType()) {
                throw new IllegalArgumentException("stack: tensor " + i + " has " + Tensor.describe(p.value())
                        + " but tensor 0 has " + Tensor.describe(parts.get(0).value()));
            }
            vals[i] = p.value().reshape(prepend(1, s));
        }
        INDArray out = Nd4j.concat(0, vals);
        Tensor[] inputs = parts.toArray(new Tensor[0]);
        return Tensor.record("stack", out, g -> {
            INDArray[] r = new INDArray[inputs.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = inputs[i].requiresGrad() ? g[0].get(NDArrayIndex.point(i)).dup('c') : null;
            }
            return r;
        }, inputs);
    }

    /** Concatenates tensors along an existing dimension. */
    public static Tensor concat(int dim, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors");
        }
        INDArray[] vals = new INDArray[parts.size()];
        long[] sizes = new long[parts.size()];
        long[] s0 = parts.get(0).shape();
        for (int i = 0; i < vals.length; i++) {
            long[] si = parts.get(i).shape();
            boolean ok = si.length == s0.length;
            for (int d = 0; ok && d < si.length; d++) {
                ok = d == dim || si[d] == s0[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat along " + dim + ": shape " + Arrays.toString(si)
                        + " does not match " + Arrays.toString(s0));
            }
            vals[i] = parts.get(i).value();
            sizes[i] = si[dim];
        }
        INDArray out = Nd4j.concat(dim, vals);
        Tensor[] inputs = parts.toArray(new Tensor[0]);
        return Tensor.record("concat", out, g -> {
            INDArray[] r = new INDArray[inputs.length];
            long off = 0;
            for (int i = 0; i < r.length; i++) {
                INDArrayIndex[] idx = new INDArrayIndex[s0.length];
                for (int d = 0; d < s0.length; d++) {
                    idx[d] = d == dim ? NDArrayIndex.interval(off, off + sizes[i]) : NDArrayIndex.all();
                }
                r[i] = g[0].get(idx).dup('c');
                off += sizes[i];
            }
            return r;
        }, inputs);
    }

    static long[] prepend(long first, long[] s) {
        long[] out = new long[s.length + 1];
        out[0] = first;
        System.arraycopy(s, 0, out, 1, s.length);
        return out;
    }
}
