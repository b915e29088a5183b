package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import org.nd4j.linalg.api.buffer.DataType;

/** What {@link CpuLifKernel}'s backward needs (SPEC §2): the membrane h on the heap; s is recomputed. */
final class CpuLifSaved implements LifSaved {

    final LifConfig config;
    final SpikeFunction spike;
    final int steps;
    final int n;
    final DataType dataType;
    final float[] hFloat;
    final double[] hDouble;
    /** Shape of x, for dL/dx. */
    final long[] xShape;
    /** Shape of the given vInit, or null when none was given. */
    final long[] vInitShape;
    final int vInitLength;

    CpuLifSaved(LifConfig config, SpikeFunction spike, int steps, int n, DataType dataType,
                float[] hFloat, double[] hDouble, long[] xShape, long[] vInitShape, int vInitLength) {
        this.config = config;
        this.spike = spike;
        this.steps = steps;
        this.n = n;
        this.dataType = dataType;
        this.hFloat = hFloat;
        this.hDouble = hDouble;
        this.xShape = xShape;
        this.vInitShape = vInitShape;
        this.vInitLength = vInitLength;
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
        return hFloat != null ? 4L * hFloat.length : 8L * hDouble.length;
    }
}
