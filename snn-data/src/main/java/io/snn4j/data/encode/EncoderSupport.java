package io.snn4j.data.encode;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared helpers: building a time-first [T, ...] FLOAT tensor step by step. */
final class EncoderSupport {
    private EncoderSupport() {
    }

    interface StepFiller {
        void fill(int t, float[] input, float[] out, int offset);
    }

    static float[] floats(INDArray x) {
        return x.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    static INDArray stack(int steps, long[] shape, float[] input, StepFiller filler) {
        float[] out = new float[steps * input.length];
        for (int t = 0; t < steps; t++) {
            filler.fill(t, input, out, t * input.length);
        }
        long[] s = new long[shape.length + 1];
        s[0] = steps;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return Nd4j.create(out, s, DataType.FLOAT);
    }
}
