package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Row-block reader/writer presenting a dense FLOAT or DOUBLE array as doubles, for kernels that
 * compute in double precision internally (LM-H, MPE-PSN). Not thread-safe (one scratch row).
 */
final class DoubleRows {

    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private float[] scratch = new float[0];

    private DoubleRows(FloatBuffer floats, DoubleBuffer doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    /** Over a dense array (see {@link NdIo#dense}). */
    static DoubleRows of(INDArray dense) {
        return dense.dataType() == DataType.FLOAT
                ? new DoubleRows(NdIo.floats(dense), null)
                : new DoubleRows(null, NdIo.doubles(dense));
    }

    void get(int index, double[] dst, int off, int len) {
        if (doubles != null) {
            doubles.get(index, dst, off, len);
            return;
        }
        float[] f = scratch(len);
        floats.get(index, f, 0, len);
        for (int i = 0; i < len; i++) {
            dst[off + i] = f[i];
        }
    }

    void put(int index, double[] src, int off, int len) {
        if (doubles != null) {
            doubles.put(index, src, off, len);
            return;
        }
        float[] f = scratch(len);
        for (int i = 0; i < len; i++) {
            f[i] = (float) src[off + i];
        }
        floats.put(index, f, 0, len);
    }

    private float[] scratch(int len) {
        if (scratch.length < len) {
            scratch = new float[len];
        }
        return scratch;
    }
}
