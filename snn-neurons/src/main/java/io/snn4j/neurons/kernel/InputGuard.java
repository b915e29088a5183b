package io.snn4j.neurons.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Catches inputs modified in place between a forward pass and its backward pass. The CPU kernels
 * recompute what backward needs from the forward's inputs instead of storing {@code [T, N]}
 * buffers, so a changed input would silently give wrong gradients; this keeps a hash of up to 64
 * evenly spaced elements of each input (a few µs; a full checksum would cost a pass) and backward
 * refuses to run when it changed.
 */
final class InputGuard {
    private final String kernel;
    private final String[] names;
    private final INDArray[] inputs;
    private final long[] hashes;

    private InputGuard(String kernel, String[] names, INDArray[] inputs) {
        this.kernel = kernel;
        this.names = names;
        this.inputs = inputs;
        this.hashes = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            hashes[i] = sample(inputs[i]);
        }
    }

    /** Guards one input. */
    static InputGuard of(String kernel, String name, INDArray input) {
        return new InputGuard(kernel, new String[] {name}, new INDArray[] {input});
    }

    /** Guards two inputs (e.g. MPE-PSN's x and mask). */
    static InputGuard of(String kernel, String name1, INDArray input1, String name2, INDArray input2) {
        return new InputGuard(kernel, new String[] {name1, name2}, new INDArray[] {input1, input2});
    }

    private static long sample(INDArray a) {
        long len = a.length();
        long step = Math.max(1, len / 64);
        long h = len;
        for (long i = 0; i < len; i += step) {
            h = 31 * h + Double.doubleToLongBits(a.getDouble(i));
        }
        return h;
    }

    /** Throws when a guarded input changed since construction. */
    void check() {
        for (int i = 0; i < inputs.length; i++) {
            if (sample(inputs[i]) != hashes[i]) {
                throw new IllegalStateException(kernel + " backward: the forward pass's input " + names[i] + " (shape "
                        + java.util.Arrays.toString(inputs[i].shape()) + ") was modified in place before backward; "
                        + "backward recomputes from it, so copy an input buffer before reusing it");
            }
        }
    }
}
