package io.snn4j.neurons.kernel;

import io.snn4j.neurons.MpePsnConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link CpuMpePsnKernel}'s FLOAT backward needs (docs/spec.md §5): references to the (dense) x and
 * mask, θ, coef and Σ(vhat − v)² per step; hhat is recomputed from x and the mask block by block
 * ({@link MpePsnLoopsF}), so no {@code [T, N]} buffer is stored. The caller must not modify x or
 * the mask between forward and backward.
 */
final class CpuMpePsnSavedF implements MpePsnSaved {

    final MpePsnConfig config;
    final SpikeFunction spike;
    final int steps;
    final int n;
    /** Dense c-order x and mask (the caller's arrays, or private dense copies of views). */
    final INDArray x;
    final boolean ownsX;
    final INDArray mask;
    final boolean ownsMask;
    final double threshold;
    final double[] coef;
    final double[] sumSq;
    final long[] xShape;
    final long[] coefShape;

    /** Catches x or the mask modified in place before backward. */
    final InputGuard guard;

    CpuMpePsnSavedF(MpePsnConfig config, SpikeFunction spike, int steps, int n, INDArray x, boolean ownsX,
                    INDArray mask, boolean ownsMask, double threshold, double[] coef, double[] sumSq,
                    long[] xShape, long[] coefShape) {
        this.config = config;
        this.spike = spike;
        this.steps = steps;
        this.n = n;
        this.x = x;
        this.ownsX = ownsX;
        this.mask = mask;
        this.ownsMask = ownsMask;
        this.threshold = threshold;
        this.coef = coef;
        this.sumSq = sumSq;
        this.xShape = xShape;
        this.coefShape = coefShape;
        this.guard = InputGuard.of("MPE-PSN", "x", x, "mask", mask);
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

    /** Bytes owned by this state: dense copies of x and the mask when they had to be made. */
    @Override
    public long sizeBytes() {
        return (ownsX ? 4L * x.length() : 0) + (ownsMask ? 4L * mask.length() : 0);
    }
}
