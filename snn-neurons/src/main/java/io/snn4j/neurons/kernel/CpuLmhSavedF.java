package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LmhConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link CpuLmhKernel}'s FLOAT backward needs (docs/spec.md §4): a reference to the (dense) input x and
 * copies of the initial states; vD, mS and vS are recomputed from them block by block in backward
 * ({@link LmhLoopsF}), so no {@code [T, N]} buffer is stored. The caller must not modify x between
 * forward and backward.
 */
final class CpuLmhSavedF implements LmhSaved {

    final LmhConfig config;
    final LmhParams params;
    final SpikeFunction spike;
    final int steps;
    final int n;
    /** Dense c-order x (the caller's array, or a private dense copy when it was a view). */
    final INDArray x;
    /** True when {@link #x} is a private copy owned by this state. */
    final boolean ownsX;
    /** Copies of the given initial states (length M), or null for the defaults 0 and θ/2. */
    final float[] vD0;
    final float[] vS0;
    final long[] xShape;
    final long[] vD0Shape;
    final long[] vS0Shape;
    /** Catches x modified in place before backward. */
    final InputGuard guard;

    CpuLmhSavedF(LmhConfig config, LmhParams params, SpikeFunction spike, int steps, int n, INDArray x,
                 boolean ownsX, float[] vD0, float[] vS0, long[] xShape, long[] vD0Shape, long[] vS0Shape) {
        this.config = config;
        this.params = params;
        this.spike = spike;
        this.steps = steps;
        this.n = n;
        this.x = x;
        this.ownsX = ownsX;
        this.vD0 = vD0;
        this.vS0 = vS0;
        this.xShape = xShape;
        this.vD0Shape = vD0Shape;
        this.vS0Shape = vS0Shape;
        this.guard = InputGuard.of("LM-H", "x", x);
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

    /** Bytes owned by this state: the initial-state copies, plus x when a dense copy had to be made. */
    @Override
    public long sizeBytes() {
        long own = 4L * ((vD0 == null ? 0 : vD0.length) + (vS0 == null ? 0 : vS0.length));
        return own + (ownsX ? 4L * x.length() : 0);
    }
}
