package io.snn4j.bench.jmh;

import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.kernel.LmhForward;
import io.snn4j.neurons.kernel.LmhParams;
import io.snn4j.neurons.kernel.LmhGradients;
import io.snn4j.neurons.kernel.LmhKernel;
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

import java.util.concurrent.TimeUnit;

/**
 * Fused LM-H kernel (Hao et al., ICLR 2024; docs/spec.md §4), FLOAT, params at init, over {@code [T, N]}, against a
 * same-run memory baseline: {@code copy} assigns one FLOAT [T, N] INDArray into a preallocated
 * other (T·N·4 bytes read + T·N·4 written, off-heap to off-heap), {@code heapCopy} is
 * {@code System.arraycopy} of a float[T·N].
 *
 * <p>Memory: the largest combination (T = 128, N = 2^20) holds x, dL/ds, the copy target, the
 * heap copy pair (512 MiB each) plus per call o, vD and mS (saved, on heap as double: 2·8 bytes per element) and dL/dx: run with
 * {@code -Xmx6g} or larger (the fork sets -Xmx6g), or restrict with {@code -p T=4,8,16,32}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx10g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LmhKernelBenchmark {

    @Param({"4", "8", "16", "32", "64", "128"})
    public int T;

    @Param({"65536", "1048576"})
    public int N;

    private final LmhKernel kernel = LmhKernel.cpu();
    private final LmhConfig config = LmhConfig.standard();
    private final LmhParams params = LmhParams.init();
    private INDArray x;
    private INDArray gradSpikes;
    private INDArray copyTarget;
    private float[] heapSrc;
    private float[] heapDst;

    @Setup(Level.Trial)
    public void setUp() {
        x = BenchData.uniform(1, T, N, -0.5, 1.5);
        gradSpikes = BenchData.uniform(2, T, N, -1, 1);
        copyTarget = Nd4j.createUninitialized(DataType.FLOAT, new long[] {T, N}, 'c');
        heapSrc = new float[T * N];
        heapDst = new float[T * N];
    }

    @Benchmark
    public LmhForward forward() {
        return kernel.forward(config, params, x, null, null, false);
    }

    @Benchmark
    public LmhGradients forwardBackward() {
        LmhForward f = kernel.forward(config, params, x, null, null, false);
        return kernel.backward(f.saved(), gradSpikes, null, null);
    }

    /** Baseline: copy one FLOAT [T, N] INDArray into a preallocated one. */
    @Benchmark
    public INDArray copy() {
        return copyTarget.assign(x);
    }

    /** Baseline: System.arraycopy of T·N floats on the heap. */
    @Benchmark
    public float[] heapCopy() {
        System.arraycopy(heapSrc, 0, heapDst, 0, heapSrc.length);
        return heapDst;
    }
}
