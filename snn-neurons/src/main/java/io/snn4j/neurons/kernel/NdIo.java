package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.ShapeOps;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Access to dense c-order FLOAT/DOUBLE INDArrays for the CPU kernels: validation, and the direct
 * NIO view of the off-heap buffer, which the kernels read and write with absolute bulk
 * {@code get/put} of cache-sized row blocks (measured fastest; see docs/benchmarks.md).
 */
final class NdIo {

    private NdIo() {
    }

    /** FLOAT or DOUBLE, else an IllegalArgumentException naming the argument. */
    static DataType floatingType(String name, INDArray a) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        DataType dt = a.dataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE) {
            throw new IllegalArgumentException(name + " must be FLOAT or DOUBLE, got " + dt);
        }
        return dt;
    }

    static void sameType(String name, INDArray a, DataType expected) {
        DataType dt = floatingType(name, a);
        if (dt != expected) {
            throw new IllegalArgumentException(name + " has data type " + dt + " but the kernel runs in "
                    + expected);
        }
    }

    static void length(String name, INDArray a, long expected) {
        if (a.length() != expected) {
            throw new IllegalArgumentException(name + " has length " + a.length() + " (shape "
                    + Arrays.toString(a.shape()) + "), expected " + expected);
        }
    }

    /**
     * The array itself when dense c-order with offset 0; a reshape view of a whole buffer as the same elements over
     * that buffer (no copy); else a c-order copy.
     */
    static INDArray dense(INDArray a) {
        if (a.ordering() == 'c' && !a.isView() && a.offset() == 0 && !a.isEmpty()) {
            return a;
        }
        INDArray direct = ShapeOps.overRoot(a, a.shape());
        if (direct != null && !direct.isView()) {
            return direct;
        }
        return a.dup('c');
    }

    /** Absolute-indexed view of a dense array's data: element i of {@code a} is index i. */
    static FloatBuffer floats(INDArray a) {
        FloatBuffer fb = a.data().asNioFloat().slice();
        if (fb.capacity() < a.length()) {
            throw new IllegalStateException("buffer of " + fb.capacity() + " floats holds fewer than "
                    + a.length() + " elements");
        }
        return fb;
    }

    /** Absolute-indexed view of a dense array's data: element i of {@code a} is index i. */
    static DoubleBuffer doubles(INDArray a) {
        DoubleBuffer db = a.data().asNioDouble().slice();
        if (db.capacity() < a.length()) {
            throw new IllegalStateException("buffer of " + db.capacity() + " doubles holds fewer than "
                    + a.length() + " elements");
        }
        return db;
    }

    /**
     * Checks a caller-provided output array: the given type and length, dense c-order and unshared
     * (what {@link #dense} would return as is), so that its NIO view indexes its elements from 0.
     */
    static void output(String name, INDArray a, DataType dt, long length) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        sameType(name, a, dt);
        length(name, a, length);
        if (a.ordering() != 'c' || a.isView() || a.offset() != 0 || a.isEmpty()) {
            throw new IllegalArgumentException(name + " must be a dense c-order array that is not a view "
                    + "(as from Nd4j.create), got ordering " + a.ordering() + ", view " + a.isView()
                    + ", offset " + a.offset());
        }
    }

    /**
     * Throws when the data buffers of {@code a} and {@code b} overlap (whole buffers are compared,
     * so two disjoint views of one buffer are also refused: conservative).
     */
    static void noOverlap(String aName, INDArray a, String bName, INDArray b) {
        if (a == null || b == null) {
            return;
        }
        long a0 = a.data().address();
        long a1 = a0 + a.data().length() * a.data().getElementSize();
        long b0 = b.data().address();
        long b1 = b0 + b.data().length() * b.data().getElementSize();
        if (a0 < b1 && b0 < a1) {
            throw new IllegalArgumentException(aName + " must not share memory with " + bName);
        }
    }

    /**
     * A c-order array of the given type and shape, contents undefined: a buffer the graph released earlier when the
     * {@link BufferPool} holds one of that size (the kernels write every element of their outputs), else new.
     */
    static INDArray create(DataType dt, long... shape) {
        return BufferPool.uninitialized(dt, shape);
    }

    /**
     * Reads an array fully into doubles (exact: float → double widening), converting FLOAT in
     * row blocks so that no full-size float[] temporary is allocated.
     */
    static double[] toDoubles(INDArray a) {
        INDArray d = dense(a);
        double[] out = new double[checkedSize(d.length())];
        if (d.dataType() == DataType.FLOAT) {
            FloatBuffer fb = floats(d);
            float[] f = new float[Math.min(out.length, 4096)];
            for (int o = 0; o < out.length; o += f.length) {
                int len = Math.min(f.length, out.length - o);
                fb.get(o, f, 0, len);
                for (int i = 0; i < len; i++) {
                    out[o + i] = f[i];
                }
            }
        } else {
            doubles(d).get(0, out, 0, out.length);
        }
        return out;
    }

    /** A new array of the given type and shape holding {@code values}. */
    static INDArray fromDoubles(DataType dt, double[] values, long... shape) {
        INDArray out = create(dt, shape);
        if (dt == DataType.FLOAT) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            floats(out).put(0, f, 0, f.length);
        } else {
            doubles(out).put(0, values, 0, values.length);
        }
        return out;
    }

    /** Checks {@code total} fits the on-heap saved state (int-indexed). */
    static int checkedSize(long total) {
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("T·N = " + total + " exceeds the CPU kernel limit of "
                    + (Integer.MAX_VALUE - 8) + " elements; split the block");
        }
        return (int) total;
    }

    /** Shape without the leading (time) dimension; {@code [n]} when x is rank 1 or flattened. */
    static long[] stepShape(long[] xShape, int timeSteps, long n) {
        if (xShape.length >= 2 && xShape[0] == timeSteps) {
            return Arrays.copyOfRange(xShape, 1, xShape.length);
        }
        return new long[] {n};
    }
}
