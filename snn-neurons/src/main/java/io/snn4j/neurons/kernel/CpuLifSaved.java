package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link CpuLifKernel}'s backward needs (docs/spec.md §2): a reference to the (dense) input x
 * and a copy of the initial state; h and s are recomputed from them block by block in backward, so
 * no {@code [T, N]} buffer is stored. The caller must not modify x between forward and backward.
 */
final class CpuLifSaved implements LifSaved {

    final LifConfig config;
    final int steps;
    final int n;
    /** Dense c-order x (the caller's array, or a private dense copy when it was a view). */
    final INDArray x;
    /** True when {@link #x} is a private copy owned by this state. */
    final boolean ownsX;
    /** Copy of vInit (length M or N), or null for zeros. */
    final float[] v0;
    /** Shape of x, for dL/dx. */
    final long[] xShape;
    /** Shape of the given vInit, or null when none was given. */
    final long[] vInitShape;
    /** Catches x modified in place before backward. */
    final InputGuard guard;

    CpuLifSaved(LifConfig config, int steps, int n, INDArray x, boolean ownsX, float[] v0, long[] xShape,
                long[] vInitShape) {
        this.config = config;
        this.steps = steps;
        this.n = n;
        this.x = x;
        this.ownsX = ownsX;
        this.v0 = v0;
        this.xShape = xShape;
        this.vInitShape = vInitShape;
        this.guard = InputGuard.of("LIF", "x", x);
    }

    @Override
    public int timeSteps() {
        return steps;
    }

    @Override
    public long width() {
        return n;
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT;
    }

    /** Bytes owned by this state: the vInit copy, plus x when a dense copy had to be made. */
    @Override
    public long sizeBytes() {
        return (v0 == null ? 0 : 4L * v0.length) + (ownsX ? 4L * x.length() : 0);
    }
}
