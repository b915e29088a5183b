package io.snn4j.bench.jmh;

import org.bytedeco.javacpp.indexer.FloatIndexer;
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

import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;

/**
 * How a Java kernel should touch ND4J's off-heap FLOAT data (the choice behind the fused neuron
 * kernels, docs/spec.md §2): the same element-wise op {@code out = 0.5·in + 1} over T·N floats through
 * (a) {@code asFloat()} copy + loop + {@code setData}, (b) the JavaCPP {@code FloatIndexer},
 * (c) per-element absolute NIO get/put, (d) 1024-float blocks moved with bulk NIO get/put and
 * computed in plain loops (what the kernels do).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DataAccessBenchmark {

    @Param({"8388608"})
    public int size;

    private INDArray in;
    private INDArray out;

    @Setup(Level.Trial)
    public void setUp() {
        in = BenchData.uniform(1, 1, size, -1, 1);
        out = Nd4j.createUninitialized(DataType.FLOAT, new long[] {1, size}, 'c');
    }

    @Benchmark
    public INDArray asFloatCopy() {
        float[] a = in.data().asFloat();
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.5f * a[i] + 1f;
        }
        out.data().setData(a);
        return out;
    }

    @Benchmark
    public INDArray indexer() {
        FloatIndexer src = (FloatIndexer) in.data().indexer();
        FloatIndexer dst = (FloatIndexer) out.data().indexer();
        for (long i = 0; i < size; i++) {
            dst.put(i, 0.5f * src.get(i) + 1f);
        }
        return out;
    }

    @Benchmark
    public INDArray nioPerElement() {
        FloatBuffer src = in.data().asNioFloat();
        FloatBuffer dst = out.data().asNioFloat();
        for (int i = 0; i < size; i++) {
            dst.put(i, 0.5f * src.get(i) + 1f);
        }
        return out;
    }

    @Benchmark
    public INDArray nioBulkBlocks() {
        FloatBuffer src = in.data().asNioFloat();
        FloatBuffer dst = out.data().asNioFloat();
        float[] row = new float[1024];
        for (int b0 = 0; b0 < size; b0 += 1024) {
            int len = Math.min(1024, size - b0);
            src.get(b0, row, 0, len);
            for (int i = 0; i < len; i++) {
                row[i] = 0.5f * row[i] + 1f;
            }
            dst.put(b0, row, 0, len);
        }
        return out;
    }
}
