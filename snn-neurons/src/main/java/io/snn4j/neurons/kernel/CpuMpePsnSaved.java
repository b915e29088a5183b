package io.snn4j.neurons.kernel;

import io.snn4j.neurons.MpePsnConfig;
import org.nd4j.linalg.api.buffer.DataType;

/** What {@link CpuMpePsnKernel}'s backward needs (docs/spec.md §5): x, the mask, θ, coef and Σ(vhat − v)² per step. */
final class CpuMpePsnSaved implements MpePsnSaved {

    final MpePsnConfig config;
    final SpikeFunction spike;
    final int steps;
    final int n;
    final DataType dataType;
    final double[] x;
    final byte[] mask;
    final double threshold;
    final double[] coef;
    final double[] sumSq;
    final long[] xShape;
    final long[] coefShape;

    CpuMpePsnSaved(MpePsnConfig config, SpikeFunction spike, int steps, int n, DataType dataType,
                   double[] x, byte[] mask, double threshold, double[] coef, double[] sumSq,
                   long[] xShape, long[] coefShape) {
        this.config = config;
        this.spike = spike;
        this.steps = steps;
        this.n = n;
        this.dataType = dataType;
        this.x = x;
        this.mask = mask;
        this.threshold = threshold;
        this.coef = coef;
        this.sumSq = sumSq;
        this.xShape = xShape;
        this.coefShape = coefShape;
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

    @Override
    public long sizeBytes() {
        return 9L * x.length;
    }
}
