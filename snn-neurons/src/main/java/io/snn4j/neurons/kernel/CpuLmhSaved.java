package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LmhConfig;
import org.nd4j.linalg.api.buffer.DataType;

/** What {@link CpuLmhKernel}'s backward needs (docs/spec.md §4): vD and mS per step, the initial state. */
final class CpuLmhSaved implements LmhSaved {

    final LmhConfig config;
    final LmhParams params;
    final SpikeFunction spike;
    final int steps;
    final int n;
    final DataType dataType;
    final double[] vD;
    final double[] mS;
    final double[] vD0;
    final double[] vS0;
    final long[] xShape;
    final long[] vD0Shape;
    final long[] vS0Shape;

    CpuLmhSaved(LmhConfig config, LmhParams params, SpikeFunction spike, int steps, int n,
                DataType dataType, double[] vD, double[] mS, double[] vD0, double[] vS0,
                long[] xShape, long[] vD0Shape, long[] vS0Shape) {
        this.config = config;
        this.params = params;
        this.spike = spike;
        this.steps = steps;
        this.n = n;
        this.dataType = dataType;
        this.vD = vD;
        this.mS = mS;
        this.vD0 = vD0;
        this.vS0 = vS0;
        this.xShape = xShape;
        this.vD0Shape = vD0Shape;
        this.vS0Shape = vS0Shape;
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
        return 8L * (vD.length + mS.length + vD0.length + vS0.length);
    }
}
