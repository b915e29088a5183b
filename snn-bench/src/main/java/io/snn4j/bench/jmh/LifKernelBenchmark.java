package io.snn4j.bench.jmh;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.kernel.LifForward;
import io.snn4j.neurons.kernel.LifGradients;
import io.snn4j.neurons.kernel.LifKernel;
import io.snn4j.neurons.LifNeuron;
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
 * Fused LIF kernel (docs/spec.md §2; TET eq. 1–3), FLOAT, TET config, over {@code [T, N]}, against a
 * same-run memory baseline: {@code copy} assigns one FLOAT [T, N] INDArray into a preallocated
 * other (T·N·4 bytes read + T·N·4 written, off-heap to off-heap), {@code heapCopy} is
 * {@code System.arraycopy} of a float[T·N].
 *
 * <p>{@code forwardInto}/{@code forwardBackwardInto} write into preallocated outputs (compute
 * only); {@code forward}/{@code forwardBackward} allocate theirs (what the layer does). A fused
 * forward+backward must move 5 [T, N] arrays (read x, write s; read dL/ds and x, write dL/dx),
 * the traffic of 2.5 {@code copy} calls: compare {@code forwardBackwardInto} with 2.5 × copy.
 *
 * <p>Memory: the largest combination (T = 128, N = 2^20) holds x, dL/ds, the copy target, the
 * spikes and dL/dx targets, the heap copy pair (512 MiB each) plus what the allocating calls
 * allocate: the fork sets -Xmx6g; restrict with {@code -p T=4,8,16,32} if short of memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LifKernelBenchmark {

    @Param({"4", "8", "16", "32", "64", "128"})
    public int T;

    @Param({"65536", "1048576"})
    public int N;

    private final LifKernel kernel = LifKernel.cpu();
    private final LifKernel parallelKernel = LifKernel.cpuParallel();
    private final LifNeuron layer = new LifNeuron(LifConfig.tet());
    private final LifConfig config = LifConfig.tet();
    private INDArray x;
    private INDArray gradSpikes;
    private INDArray copyTarget;
    private INDArray spikes;
    private INDArray vFinal;
    private INDArray gradX;
    private float[] heapSrc;
    private float[] heapDst;

    @Setup(Level.Trial)
    public void setUp() {
        x = BenchData.uniform(1, T, N, -0.5, 1.5);
        gradSpikes = BenchData.uniform(2, T, N, -1, 1);
        copyTarget = Nd4j.createUninitialized(DataType.FLOAT, new long[] {T, N}, 'c');
        spikes = Nd4j.createUninitialized(DataType.FLOAT, new long[] {T, N}, 'c');
        vFinal = Nd4j.createUninitialized(DataType.FLOAT, new long[] {N}, 'c');
        gradX = Nd4j.createUninitialized(DataType.FLOAT, new long[] {T, N}, 'c');
        heapSrc = new float[T * N];
        heapDst = new float[T * N];
    }

    @Benchmark
    public LifForward forward() {
        return kernel.forward(config, x, null, false);
    }

    @Benchmark
    public LifGradients forwardBackward() {
        LifForward f = kernel.forward(config, x, null, false);
        return kernel.backward(f.saved(), gradSpikes, null);
    }

    /** Compute only: forward into preallocated spikes and vFinal. */
    @Benchmark
    public LifForward forwardInto() {
        return kernel.forwardInto(config, x, T, null, spikes, null, vFinal);
    }

    /** Compute only: forward and backward into preallocated outputs (no allocation of [T, N] arrays). */
    @Benchmark
    public LifGradients forwardBackwardInto() {
        LifForward f = kernel.forwardInto(config, x, T, null, spikes, null, vFinal);
        return kernel.backwardInto(f.saved(), gradSpikes, null, gradX);
    }

    /** As {@link #forwardBackwardInto} on the parallel kernel (one thread per core). */
    @Benchmark
    public LifGradients forwardBackwardIntoParallel() {
        LifForward f = parallelKernel.forwardInto(config, x, T, null, spikes, null, vFinal);
        return parallelKernel.backwardInto(f.saved(), gradSpikes, null, gradX);
    }

    /**
     * The layer as a network uses it: {@link LifNeuron} forward on the autograd tape (registered
     * kernel, spikes counted in the kernel), then backward.
     */
    @Benchmark
    public INDArray layerForwardBackward() {
        Tensor xt = Tensor.variable(x);
        layer.forward(xt).backward(gradSpikes);
        return xt.grad();
    }

    /**
     * The unfused per-step autograd loop (the generic path of the {@code Lif} definition, the way
     * Python frameworks run a multi-step neuron on a CPU), forward and backward on the tape. Slow
     * at large N: run it with {@code -p N=65536}.
     */
    @Benchmark
    public INDArray referenceForwardBackward() {
        Tensor xt = Tensor.variable(x);
        layer.runGeneric(xt, null).spikes().backward(gradSpikes);
        return xt.grad();
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
