package io.snn4j.bench.cli;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.kernel.LifForward;
import io.snn4j.neurons.kernel.LifKernel;
import io.snn4j.neurons.kernel.LmhForward;
import io.snn4j.neurons.kernel.LmhKernel;
import io.snn4j.neurons.kernel.LmhParams;
import io.snn4j.neurons.kernel.MpePsnForward;
import io.snn4j.neurons.kernel.MpePsnKernel;
import io.snn4j.neurons.reference.ReferenceLif;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintStream;

import io.snn4j.core.nn.MemoryEstimate;
import io.snn4j.core.nn.MemoryEstimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * {@code bench neuron --type lif|lmh|mpe-psn --T 8 --N 1048576 [--reps R] [--warmup W] [--parallel]}:
 * times the fused neuron kernel's forward and forward+backward on random FLOAT input against
 * memory baselines measured in the same run, printing medians in milliseconds. For LIF it also
 * times the non-allocating {@code forwardInto/backwardInto} (compute only), the layer on the
 * autograd tape, and the unfused per-step autograd loop {@code ReferenceLif} (at most 3 reps).
 * The last two lines are {@code forward_ms X} and {@code forward_backward_ms Y} (the allocating
 * kernel API, as before).
 *
 * <p>The options are parsed and checked in {@link #call()}; what is measured is {@link #measure} (and
 * the memory it needs, {@link #nativeBytes} and {@link #heapBytes}, refused up front when it cannot fit).
 */
@Command(name = "neuron", description = "Median ms of a fused neuron kernel's forward and forward+backward against "
        + "memory baselines; last lines forward_ms X, forward_backward_ms Y.")
final class BenchNeuronCommand extends CliCommand {
    /** The neurons with a fused kernel. */
    enum NeuronType {
        LIF, LMH, MPE_PSN
    }

    @Option(names = "--type", defaultValue = "lif", paramLabel = "lif|lmh|mpe-psn",
            description = "the neuron (default: ${DEFAULT-VALUE})")
    NeuronType type;

    @Option(names = "--T", defaultValue = "8", paramLabel = "N", description = "time steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--N", defaultValue = "1048576", paramLabel = "N",
            description = "neurons per step (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--reps", defaultValue = "10", paramLabel = "R", description = "timed runs (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "W", description = "untimed runs (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--parallel", description = "the multi-threaded LIF kernel")
    boolean parallel;

    @Override
    public Integer call() {
        positive("--T", steps);
        positive("--N", n);
        positive("--reps", reps);
        nonNegative("--warmup", warmup);
        if ((long) steps * n > Integer.MAX_VALUE - 8) {
            throw new UsageException("--T " + steps + " x --N " + n + " = " + (long) steps * n
                    + " elements is more than one array can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
        String name = ChoiceConverter.label(type);
        long heap = heapBytes(steps, n);
        if (heap > Runtime.getRuntime().maxMemory()) {
            throw new UsageException("--T " + steps + " x --N " + n + " needs about " + MemoryEstimate.format(heap)
                    + " of Java heap, more than the maximum heap of " + MemoryEstimate.format(Runtime.getRuntime().maxMemory())
                    + "; lower --N or --T (or raise -Xmx)");
        }
        long available = MemoryEstimator.availableBytes();
        long needed = nativeBytes(name, steps, n);
        if (needed > available) {
            throw new UsageException("--T " + steps + " x --N " + n + " needs about " + MemoryEstimate.format(needed)
                    + " of native memory, more than the " + MemoryEstimate.format(available) + " available (budget "
                    + MemoryEstimate.format(MemoryEstimator.budgetBytes())
                    + ", -Dorg.bytedeco.javacpp.maxphysicalbytes); lower --N or --T");
        }
        return measure(name, steps, n, reps, warmup, parallel, out());
    }

    /**
     * Native bytes {@link #measure} keeps alive at once: input and upstream gradient, the copy target, the
     * traffic baseline's 2.5·T·N-float source and target, and a forward+backward's outputs, saved state and
     * input gradient (about 4·T·N floats); at least 14·T·N floats in all.
     */
    static long nativeBytes(String type, int steps, int n) {
        long tn = (long) steps * n;
        boolean traffic = 5L * tn / 2 <= (1L << 28);
        return 4L * tn * (2 + 1 + (traffic ? 5 : 0) + 4 + ("lif".equals(type) ? 2 : 0));
    }

    /** Heap bytes of {@link #measure}: the heap-copy baseline's two float[T·N] and one being filled. */
    static long heapBytes(int steps, int n) {
        return 3L * 4L * steps * n;
    }

    /** Measures and prints; returns the exit status. */
    static int measure(String type, int steps, int n, int reps, int warmup, boolean parallel, PrintStream out) {
        long bytes = 4L * steps * n;
        out.printf("neuron %s T=%d N=%d dtype=FLOAT reps=%d warmup=%d parallel=%s%n", type, steps, n,
                reps, warmup, parallel);
        out.printf("block %.1f MiB per [T,N] array; java %s; cores %d; max heap %d MiB%n",
                bytes / 1048576.0, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        SplittableRandom rng = new SplittableRandom(1234);
        INDArray x = random(rng, steps, n, -0.5, 1.5);
        INDArray gs = random(rng, steps, n, -1.0, 1.0);
        INDArray copyDst = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, n}, 'c');
        // the minimum traffic of a fused LIF forward+backward: forward reads x and writes s;
        // backward reads dL/ds and x (to recompute h) and writes dL/dx: 5 passes over a [T, N]
        // array = the traffic of copying 2.5·T·N floats, timed as one copy of that many floats
        long trafficLen = 5L * steps * n / 2;
        boolean trafficMeasured = trafficLen <= (1L << 28);
        INDArray trafficSrc = trafficMeasured
                ? Nd4j.rand(DataType.FLOAT, trafficLen) : null;
        INDArray trafficDst = trafficMeasured
                ? Nd4j.createUninitialized(DataType.FLOAT, new long[] {trafficLen}, 'c') : null;
        float[] heapSrc = x.data().asFloat();
        float[] heapDst = new float[heapSrc.length];

        Runnable copy = () -> copyDst.assign(x);
        Runnable traffic = () -> trafficDst.assign(trafficSrc);
        Runnable heapCopy = () -> System.arraycopy(heapSrc, 0, heapDst, 0, heapSrc.length);
        Runnable fwd;
        Runnable fwdBwd;
        Runnable fwdInto = null;
        Runnable fwdBwdInto = null;
        Runnable layer = null;
        Runnable reference = null;
        switch (type) {
            case "lif" -> {
                LifKernel k = parallel ? LifKernel.cpuParallel() : LifKernel.cpu();
                LifConfig c = LifConfig.tet();
                fwd = () -> k.forward(c, x, null, false);
                fwdBwd = () -> {
                    LifForward f = k.forward(c, x, null, false);
                    k.backward(f.saved(), gs, null);
                };
                INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, n}, 'c');
                INDArray vFinal = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n}, 'c');
                INDArray gradX = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, n}, 'c');
                int tSteps = steps;
                fwdInto = () -> k.forwardInto(c, x, tSteps, null, spikes, null, vFinal);
                fwdBwdInto = () -> {
                    LifForward f = k.forwardInto(c, x, tSteps, null, spikes, null, vFinal);
                    k.backwardInto(f.saved(), gs, null, gradX);
                };
                LifNeuron neuron = new LifNeuron(c).withKernel(k);
                layer = () -> {
                    Tensor xt = Tensor.variable(x);
                    neuron.forward(xt).backward(gs);
                };
                reference = () -> {
                    Tensor xt = Tensor.variable(x);
                    ReferenceLif.forward(c, xt, null).backward(gs);
                };
            }
            case "lmh" -> {
                LmhKernel k = LmhKernel.cpu();
                LmhParams p = LmhParams.init();
                fwd = () -> k.forward(LmhConfig.standard(), p, x, null, null, false);
                fwdBwd = () -> {
                    LmhForward f = k.forward(LmhConfig.standard(), p, x, null, null, false);
                    k.backward(f.saved(), gs, null, null);
                };
            }
            default -> {
                MpePsnKernel k = MpePsnKernel.cpu();
                INDArray mask = MpePsnKernel.bernoulliMask(x, new SplittableRandom(7));
                INDArray coef = Nd4j.valueArrayOf(new long[] {steps}, 1.0 / steps, DataType.FLOAT);
                fwd = () -> k.forward(MpePsnConfig.standard(), x, mask, 1.0, coef, false);
                fwdBwd = () -> {
                    MpePsnForward f = k.forward(MpePsnConfig.standard(), x, mask, 1.0, coef, false);
                    k.backward(f.saved(), gs, 0.01);
                };
            }
        }
        double heapMs = median(heapCopy, reps, warmup);
        double dupMs = median(x::dup, reps, warmup);
        double copyMs = median(copy, reps, warmup);
        double trafficMs = trafficMeasured ? median(traffic, reps, warmup) : Double.NaN;
        double intoMs = fwdInto == null ? Double.NaN : median(fwdInto, reps, warmup);
        double fbIntoMs = fwdBwdInto == null ? Double.NaN : median(fwdBwdInto, reps, warmup);
        double fwdMs = median(fwd, reps, warmup);
        double fbMs = median(fwdBwd, reps, warmup);
        double layerMs = layer == null ? Double.NaN : median(layer, reps, warmup);
        int refReps = Math.min(reps, 3);
        double refMs = reference == null ? Double.NaN : median(reference, refReps, Math.min(warmup, 1));
        out.printf("heap_copy_ms %.3f  (System.arraycopy of a float[T*N]: %d bytes read + written)%n",
                heapMs, bytes);
        out.printf("alloc_copy_ms %.3f  (x.dup(): allocate a fresh FLOAT [T,N] INDArray and copy into it, "
                + "as the allocating kernel API allocates its outputs)%n", dupMs);
        if (!trafficMeasured) {
            trafficMs = 2.5 * copyMs;
        }
        out.printf("traffic_baseline_ms %.3f  (%s: the bytes a fused LIF forward+backward must move = "
                + "read x, write s; read ds and x, write dx = %d bytes, i.e. a copy of 2.5*T*N floats)%n",
                trafficMs, trafficMeasured ? "one ND4J copy of 2.5*T*N floats into a preallocated array"
                        : "2.5 * copy_ms (too large to allocate)", 5 * bytes);
        if (fwdInto != null) {
            out.printf("forward_into_ms %.3f  (forwardInto: preallocated spikes/vFinal, compute only)%n", intoMs);
            out.printf("forward_backward_into_ms %.3f  (forwardInto + backwardInto, preallocated outputs)%n",
                    fbIntoMs);
            out.printf("ratio forward_backward_into/traffic_baseline %.2f (target <= 2)%n", fbIntoMs / trafficMs);
            out.printf("layer_forward_backward_ms %.3f  (LifNeuron on the autograd tape: Tensor.variable(x), "
                    + "forward, backward(ds))%n", layerMs);
            out.printf("reference_forward_backward_ms %.3f  (ReferenceLif: unfused per-step autograd loop, "
                    + "FLOAT, reps %d)%n", refMs, refReps);
            out.printf("speedup reference/forward_backward %.1f, reference/layer %.1f, "
                    + "reference/forward_backward_into %.1f (target >= 20)%n", refMs / fbMs, refMs / layerMs,
                    refMs / fbIntoMs);
        }
        out.printf("ratio forward/copy %.2f, forward_backward/copy %.2f, forward_backward/traffic_baseline %.2f%n",
                fwdMs / copyMs, fbMs / copyMs, fbMs / trafficMs);
        out.printf("copy_ms %.3f%n", copyMs);
        out.printf("forward_ms %.3f%n", fwdMs);
        out.printf("forward_backward_ms %.3f%n", fbMs);
        return 0;
    }

    private static INDArray random(SplittableRandom rng, int steps, int n, double lo, double hi) {
        float[] v = new float[steps * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return Nd4j.create(v, new long[] {steps, n}, 'c');
    }

    /** Median wall time in ms of {@code reps} runs after {@code warmup} untimed runs. */
    private static double median(Runnable r, int reps, int warmup) {
        // start every phase from the same state: dead off-heap arrays of the previous phase are
        // only released when a GC runs, and a growing RSS makes fresh pages dearer on this VM
        // (docs/benchmarks.md); the timed region itself is left alone
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return reps % 2 == 1 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2;
    }
}
