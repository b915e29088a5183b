package io.snn4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Normalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training-mode batch norm ({@code Normalization.batchNorm}, FLOAT) on the SEW-ResNet-18 shapes at T·B = 8:
 * {@code [8, C, H, W]} with (C, H) = (64, 32), (128, 16), (256, 8), (512, 4). {@code copy} assigns x into a
 * preallocated array (read x, write y), the memory floor of the forward's affine pass; the forward also reads x once
 * for the statistics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BatchNormBenchmark {

    @Param({"64", "128", "256", "512"})
    public int C;

    private INDArray x;
    private INDArray seed;
    private INDArray copyTarget;
    private Tensor gamma;
    private Tensor beta;
    private INDArray runningMean;
    private INDArray runningVar;

    @Setup
    public void setUp() {
        long h = 32 * 64 / C;
        long[] shape = {8, C, h, h};
        Nd4j.getRandom().setSeed(1);
        x = Nd4j.rand(DataType.FLOAT, shape);
        seed = Nd4j.rand(DataType.FLOAT, shape);
        copyTarget = Nd4j.create(DataType.FLOAT, shape);
        gamma = Tensor.variable(Nd4j.ones(DataType.FLOAT, C));
        beta = Tensor.variable(Nd4j.zeros(DataType.FLOAT, C));
        runningMean = Nd4j.zeros(DataType.FLOAT, C);
        runningVar = Nd4j.ones(DataType.FLOAT, C);
    }

    @Benchmark
    public INDArray forward() {
        return Normalization.batchNorm(Tensor.constant(x), gamma, beta, runningMean, runningVar, true, 0.1, 1e-5).value();
    }

    @Benchmark
    public INDArray forwardBackward() {
        Tensor xt = Tensor.variable(x);
        Normalization.batchNorm(xt, gamma, beta, runningMean, runningVar, true, 0.1, 1e-5).backward(seed);
        gamma.zeroGrad();
        beta.zeroGrad();
        return xt.grad();
    }

    @Benchmark
    public INDArray copy() {
        return copyTarget.assign(x);
    }
}
