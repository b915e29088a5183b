package io.snn4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.snn4j.bench.step.StepWorkload;
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
 * A whole training step (forward, TET + 0.001·MSE loss, backward, Adam) or an inference forward of a model on random
 * input of its paper's shape: the same work as {@code bench step} ({@link StepWorkload}) and the PyTorch peer's
 * {@code torch_peer.py step}. Single-shot iterations (one step each), as a step takes seconds:
 * {@code java -jar snn.jar jmh TrainingStepBenchmark -p model=vggsnn -p T=4 -p B=4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 7)
public class TrainingStepBenchmark {
    @Param({"vggsnn", "resnet19", "sew-resnet18"})
    public String model;

    @Param({"2"})
    public int T;

    @Param({"4"})
    public int B;

    @Param({"false"})
    public boolean infer;

    private StepWorkload workload;

    @Setup
    public void setup() {
        workload = new StepWorkload(model, T, B, infer);
    }

    @Benchmark
    public double step() {
        return workload.step();
    }
}
