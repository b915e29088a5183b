package io.snn4j.core.io;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tensors written as JSON objects {@code {"shape": [...], "data": [...]}} with {@code data} flat in
 * row-major order: the layout of the golden conformance cases ({@code snn-conformance/1}), read by
 * the conformance runner and the modules' own tests.
 */
public final class JsonTensors {
    private JsonTensors() {
    }

    /** The shape of a parsed tensor object. */
    public static long[] shape(Object tensor) {
        List<?> s = list(object(tensor).get("shape"), "shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) s.get(i)).longValue();
        }
        return out;
    }

    /** The flat row-major values of a parsed tensor object. */
    public static double[] data(Object tensor) {
        List<?> d = list(object(tensor).get("data"), "data");
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) d.get(i)).doubleValue();
        }
        return out;
    }

    /** A parsed tensor object as an array of the given type; its value count must match its shape. */
    public static INDArray read(Object tensor, DataType type) {
        long[] shape = shape(tensor);
        double[] data = data(tensor);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor data has " + data.length + " values for shape " + Arrays.toString(shape));
        }
        if (shape.length == 0) {
            return Nd4j.scalar(type, data[0]);
        }
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(type);
    }

    private static Map<?, ?> object(Object tensor) {
        if (!(tensor instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("expected a tensor object with shape and data, got " + tensor);
        }
        return m;
    }

    private static List<?> list(Object v, String field) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("tensor field '" + field + "' must be a list, got " + v);
        }
        return l;
    }
}
