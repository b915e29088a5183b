package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link CpuLifKernel}'s backward needs (SPEC §2): a reference to the (dense) input x and a
 * copy of the initial state; h and s are recomputed from them block by block in backward, so no
 * {@code [T, N]} buffer is stored. The caller must not modify x between forward and backward.
 */
final class CpuLifSaved implements LifSaved {

    final LifConfig config;
    final SpikeFunction spike;
    /** True when {@link #spike} is the production strict Heaviside (enables the fused loops). */
    final boolean heaviside;
    final int steps;
    final int n;
    final DataType dataType;
    /** Dense c-order x (the caller's array, or a private dense copy when it was a view). */
    final INDArray x;
    /** True when {@link #x} is a private copy owned by this state. */
    final boolean ownsX;
    /** Copy of vInit (length M or N), or null for zeros. */
    final float[] v0Float;
    final double[] v0Double;
    /** Shape of x, for dL/dx. */
    final long[] xShape;
    /** Shape of the given vInit, or null when none was given. */
    final long[] vInitShape;
    final int vInitLength;
    /** Catches x modified in place before backward. */
    final InputGuard guard;

    CpuLifSaved(LifConfig config, SpikeFunction spike, int steps, int n, DataType dataType, INDArray x,
                boolean ownsX, float[] v0Float, double[] v0Double, long[] xShape, long[] vInitShape,
                int vInitLength) {
        this.config = config;
        this.spike = spike;
        this.heaviside = spike instanceof HeavisideSpike;
        this.steps = steps;
        this.n = n;
        this.dataType = dataType;
        this.x = x;
        this.ownsX = ownsX;
        this.v0Float = v0Float;
        this.v0Double = v0Double;
        this.xShape = xShape;
        this.vInitShape = vInitShape;
        this.vInitLength = vInitLength;
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
        return dataType;
    }

    /** Bytes owned by this state: the vInit copy, plus x when a dense copy had to be made. */
    @Override
    public long sizeBytes() {
        long own = v0Float != null ? 4L * v0Float.length : v0Double != null ? 8L * v0Double.length : 0;
        return own + (ownsX ? (long) x.length() * x.dataType().width() : 0);
    }
}
