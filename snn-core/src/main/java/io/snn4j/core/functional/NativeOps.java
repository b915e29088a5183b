package io.snn4j.core.functional;

import java.util.Arrays;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runs one libnd4j custom op by name with preallocated outputs (the shared plumbing of the functional ops). */
final class NativeOps {
    private NativeOps() {
    }

    /** Executes {@code name} on {@code inputs}, writing into {@code outputs}. */
    static void exec(String name, INDArray[] inputs, INDArray[] outputs, int[] intArgs, double... floatArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name)
                .addInputs(inputs)
                .addOutputs(outputs)
                .addIntegerArguments(intArgs);
        if (floatArgs.length > 0) {
            Double[] boxed = new Double[floatArgs.length];
            for (int i = 0; i < floatArgs.length; i++) {
                boxed[i] = floatArgs[i];
            }
            b.addFloatingPointArguments(boxed);
        }
        Nd4j.exec(b.build());
    }

    /**
     * {@code a} itself when it is a plain row-major block from offset 0 (a reshape view of a dense array counts),
     * otherwise a c-ordered copy (native kernels and the Java loops assume plain row-major buffers).
     */
    static INDArray c(INDArray a) {
        return ShapeOps.isDense(a) ? a : a.dup('c');
    }

    static String shape(Tensor t) {
        return Arrays.toString(t.shape());
    }

    static void sameType(String op, Tensor a, Tensor b, String what) {
        if (b != null && a.dataType() != b.dataType()) {
            throw new IllegalArgumentException(op + ": " + what + " has data type " + b.dataType()
                    + " but the input has " + a.dataType());
        }
    }

    static void positive(String op, String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 1, got " + v);
        }
    }

    static void nonNegative(String op, String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 0, got " + v);
        }
    }

    /** Output length of a sliding window (floor mode, as PyTorch with ceil_mode=False). */
    static long outSize(long in, int k, int s, int p, int d) {
        return (in + 2L * p - (long) d * (k - 1) - 1) / s + 1;
    }
}
