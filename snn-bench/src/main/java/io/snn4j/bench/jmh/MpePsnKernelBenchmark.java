package io.snn4j.bench.jmh;

import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.kernel.MpePsnForward;
import io.snn4j.neurons.kernel.MpePsnGradients;
import io.snn4j.neurons.kernel.MpePsnKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fused MPE-PSN kernel (Chen et al.; docs/spec.md §5), FLOAT, over {@code [T, N]}, with the same copy
 * baseline as {@link LifKernelBenchmark} (one FLOAT [T, N] INDArray assigned into a preallocated
 * one). Memory: x, mask, dL/ds, copy target (4 B/element each) + per call spikes, dL/dx and the
 * saved x (double) and mask (byte); the fork sets -Xmx10g for T = 128, N = 2^20.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx10g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MpePsnKernelBenchmark {

    @Param({"4", "8", "16", "32", "64", "128"})
    public int T;

    @Param({"65536", "1048576"})
    public int N;

    private final MpePsnKernel kernel = MpePsnKernel.cpu();
    private final MpePsnConfig config = MpePsnConfig.standard();
    private INDArray x;
    private INDArray mask;
    private INDArray coef;
    private INDArray gradSpikes;
    private INDArray copyTarget;

    @Setup(Level.Trial)
    public void setUp() {
        x = BenchData.uniform(1, T, N, -0.5, 1.5);
        mask = MpePsnKernel.bernoulliMask(x, new SplittableRandom(3));
        coef = Nd4j.valueArrayOf(new long[] {T}, 1.0 / T, DataType.FLOAT);
        gradSpikes = BenchData.uniform(2, T, N, -1, 1);
        copyTarget = Nd4j.createUninitialized(DataType.FLOAT, new long[] {T, N}, 'c');
    }

    @Benchmark
    public MpePsnForward forward() {
        return kernel.forward(config, x, mask, 1.0, coef, false);
    }

    @Benchmark
    public MpePsnGradients forwardBackward() {
        MpePsnForward f = kernel.forward(config, x, mask, 1.0, coef, false);
        return kernel.backward(f.saved(), gradSpikes, 0.01);
    }

    /** Baseline: copy one FLOAT [T, N] INDArray into a preallocated one. */
    @Benchmark
    public INDArray copy() {
        return copyTarget.assign(x);
    }
}
