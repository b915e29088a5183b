package io.snn4j.core.functional;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import io.snn4j.core.autograd.ShapeOps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Block reads and writes of a dense FLOAT or DOUBLE array as rows of doubles, through the NIO view of its off-heap
 * buffer: the library's Java kernels (BatchNorm, the optimizers' element-wise pass, parameter initialisation) compute
 * in double for both types, so there is one definition of each kernel. FLOAT values are widened exactly on read and
 * rounded once on write, through the caller's {@code float[]} scratch block (at least {@code len} long). Indices are
 * element indices from the start of the array; one instance serves all threads.
 */
public abstract class DoubleRows {
    private DoubleRows() {
    }

    /** {@code dst[0 .. len) = a[index .. index + len)}. */
    public abstract void get(long index, double[] dst, int len, float[] scratch);

    /** {@code a[index .. index + len) = src[0 .. len)}, rounded to the array's type. */
    public abstract void put(long index, double[] src, int len, float[] scratch);

    /** Whether {@link #of} accepts {@code a}: dense, c-ordered from its buffer's start, FLOAT or DOUBLE. */
    public static boolean accepts(INDArray a) {
        return ShapeOps.isDense(a) && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE);
    }

    /**
     * The rows of {@code a}; {@code user} names the kernel in the errors for an array {@link #accepts} refuses or one
     * already released.
     */
    public static DoubleRows of(INDArray a, String user) {
        if (!ShapeOps.isDense(a)) {
            throw new IllegalArgumentException(user + ": needs a dense c-ordered array, got " + a.shapeInfoToString());
        }
        if (a.wasClosed()) {
            throw new IllegalStateException(user + ": array was released (closed) before use");
        }
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer fb = a.data().asNioFloat();
            return new DoubleRows() {
                @Override
                public void get(long index, double[] dst, int len, float[] scratch) {
                    fb.get((int) index, scratch, 0, len);
                    for (int j = 0; j < len; j++) {
                        dst[j] = scratch[j];
                    }
                }

                @Override
                public void put(long index, double[] src, int len, float[] scratch) {
                    for (int j = 0; j < len; j++) {
                        scratch[j] = (float) src[j];
                    }
                    fb.put((int) index, scratch, 0, len);
                }
            };
        }
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer db = a.data().asNioDouble();
            return new DoubleRows() {
                @Override
                public void get(long index, double[] dst, int len, float[] scratch) {
                    db.get((int) index, dst, 0, len);
                }

                @Override
                public void put(long index, double[] src, int len, float[] scratch) {
                    db.put((int) index, src, 0, len);
                }
            };
        }
        throw new IllegalArgumentException(user + ": needs FLOAT or DOUBLE, got " + a.dataType());
    }
}
