package io.snn4j.bench.jmh;

import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.kernel.LifForward;
import io.snn4j.neurons.kernel.LifGradients;
import io.snn4j.neurons.kernel.LifKernel;
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
 * The MPE-PSN paper's claim (Chen et al.; docs/spec.md §5: "faster than a sequential LIF as T and neuron
 * count grow"), tested on the CPU: the parallel MPE-PSN kernel against the sequential fused LIF
 * kernel (TET config), forward+backward, FLOAT, same inputs. Heap: the fork sets -Xmx6g; the
 * largest combination is T = 64, N = 2^20 (T = 128 at 2^20 is in the per-kernel benchmarks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MpePsnVsLifBenchmark {

    @Param({"4", "8", "16", "32", "64"})
    public int T;

    @Param({"65536", "1048576"})
    public int N;

    private final LifKernel lif = LifKernel.cpu();
    private final LifConfig lifConfig = LifConfig.tet();
    private final MpePsnKernel mpe = MpePsnKernel.cpu();
    private final MpePsnConfig mpeConfig = MpePsnConfig.standard();
    private INDArray x;
    private INDArray mask;
    private INDArray coef;
    private INDArray gradSpikes;

    @Setup(Level.Trial)
    public void setUp() {
        x = BenchData.uniform(1, T, N, -0.5, 1.5);
        mask = MpePsnKernel.bernoulliMask(x, new SplittableRandom(3));
        coef = Nd4j.valueArrayOf(new long[] {T}, 1.0 / T, DataType.FLOAT);
        gradSpikes = BenchData.uniform(2, T, N, -1, 1);
    }

    @Benchmark
    public LifGradients lifForwardBackward() {
        LifForward f = lif.forward(lifConfig, x, null, false);
        return lif.backward(f.saved(), gradSpikes, null);
    }

    @Benchmark
    public MpePsnGradients mpePsnForwardBackward() {
        MpePsnForward f = mpe.forward(mpeConfig, x, mask, 1.0, coef, false);
        return mpe.backward(f.saved(), gradSpikes, 0.01);
    }
}
