package io.snn4j.bench.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;

import io.snn4j.bench.RunSettings;
import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Module;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.LmhNeuron;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.MpePsnNeuron;
import io.snn4j.neurons.kernel.LifForward;
import io.snn4j.neurons.kernel.LifKernel;
import io.snn4j.neurons.kernel.LmhForward;
import io.snn4j.neurons.kernel.LmhKernel;
import io.snn4j.neurons.kernel.LmhParams;
import io.snn4j.neurons.kernel.MpePsnForward;
import io.snn4j.neurons.kernel.MpePsnKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The measurement behind {@code bench neuron}: a neuron type's fused kernel and its layer on the
 * autograd tape, on random FLOAT {@code [T, N]} input, against memory baselines measured in the same
 * run; medians in milliseconds. For LIF also the kernel into preallocated outputs (compute only)
 * and the unfused per-step autograd loop (the generic path of the {@code Lif} definition, at most
 * 3 reps). The last two lines measure the layer as a network uses it: {@code forward_ms X} (forward
 * on the tape) and {@code forward_backward_ms Y} (forward and backward on the tape, the layer's own
 * kernel choice: the registered one, on all cores where it pays), each rep giving its dead outputs
 * back to the buffer pool as a training step does.
 */
public final class NeuronBench {

    private NeuronBench() {
    }

    /**
     * @param type     lif, lmh or mpe-psn
     * @param parallel whether the kernel-level lines use the parallel LIF kernel (the layer always
     *                 uses the registered one)
     * @return 0
     */
    public static int measure(String type, int steps, int n, int reps, int warmup, boolean parallel, PrintStream out) {
        long bytes = 4L * steps * n;
        out.printf("neuron %s T=%d N=%d dtype=FLOAT reps=%d warmup=%d parallel=%s%n", type, steps, n,
                reps, warmup, parallel);
        out.printf("block %.1f MiB per [T,N] array; java %s; cores %d; max heap %d MiB; %s%n",
                bytes / 1048576.0, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                RunSettings.describe());

        SplittableRandom rng = new SplittableRandom(1234);
        INDArray x = random(rng, steps, n, -0.5, 1.5);
        INDArray gs = random(rng, steps, n, -1.0, 1.0);
        INDArray copyDst = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, n}, 'c');
        // the minimum traffic of a fused LIF forward+backward: forward reads x and writes s;
        // backward reads dL/ds and x (to recompute h) and writes dL/dx: 5 passes over a [T, N]
        // array = the traffic of copying 2.5·T·N floats, timed as one copy of that many floats
        long trafficLen = 5L * steps * n / 2;
        boolean trafficMeasured = trafficLen <= (1L << 28);
        INDArray trafficSrc = trafficMeasured ? Nd4j.rand(DataType.FLOAT, trafficLen) : null;
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
        Runnable reference = null;
        Module layer;
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
                fwdInto = () -> k.forwardInto(c, x, steps, null, spikes, null, vFinal);
                fwdBwdInto = () -> {
                    LifForward f = k.forwardInto(c, x, steps, null, spikes, null, vFinal);
                    k.backwardInto(f.saved(), gs, null, gradX);
                };
                LifNeuron neuron = new LifNeuron(c);
                layer = neuron;
                reference = () -> {
                    Tensor xt = Tensor.variable(x);
                    neuron.runGeneric(xt, null).spikes().backward(gs);
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
                layer = new LmhNeuron(LmhConfig.standard(), DataType.FLOAT);
            }
            case "mpe-psn" -> {
                MpePsnKernel k = MpePsnKernel.cpu();
                INDArray mask = MpePsnKernel.bernoulliMask(x, new SplittableRandom(7));
                INDArray coef = Nd4j.valueArrayOf(new long[] {steps}, 1.0 / steps, DataType.FLOAT);
                fwd = () -> k.forward(MpePsnConfig.standard(), x, mask, 1.0, coef, false);
                fwdBwd = () -> {
                    MpePsnForward f = k.forward(MpePsnConfig.standard(), x, mask, 1.0, coef, false);
                    k.backward(f.saved(), gs, 0.01);
                };
                layer = new MpePsnNeuron(MpePsnConfig.standard(), steps, MpePsnNeuron.MaskSource.random(
                        new SplittableRandom(7)), DataType.FLOAT);
            }
            default -> throw new IllegalArgumentException("neuron type must be lif, lmh or mpe-psn, got " + type);
        }
        // the layer as a training step runs it: its arrays come from the buffer pool, and what a
        // step hands back to the pool goes back once it is dead (the spikes when the step releases
        // its graph, dL/dx once the layer below has consumed it in backward); without this every
        // rep would page in fresh [T, N] arrays, which a training loop after its first step does not
        Runnable layerFwd = () -> BufferPool.recycle(layer.forward(Tensor.variable(x)).value());
        Runnable layerFwdBwd = () -> {
            Tensor xt = Tensor.variable(x);
            Tensor s = layer.forward(xt);
            s.backward(gs);
            BufferPool.recycle(s.value());
            BufferPool.recycle(xt.grad());
        };
        double heapMs = median(heapCopy, reps, warmup);
        double dupMs = median(x::dup, reps, warmup);
        double copyMs = median(copy, reps, warmup);
        double trafficMs = trafficMeasured ? median(traffic, reps, warmup) : 2.5 * copyMs;
        double intoMs = fwdInto == null ? Double.NaN : median(fwdInto, reps, warmup);
        double fbIntoMs = fwdBwdInto == null ? Double.NaN : median(fwdBwdInto, reps, warmup);
        double kFwdMs = median(fwd, reps, warmup);
        double kFbMs = median(fwdBwd, reps, warmup);
        double layerFwdMs = median(layerFwd, reps, warmup);
        double layerMs = median(layerFwdBwd, reps, warmup);
        int refReps = Math.min(reps, 3);
        double refMs = reference == null ? Double.NaN : median(reference, refReps, Math.min(warmup, 1));
        out.printf("heap_copy_ms %.3f  (System.arraycopy of a float[T*N]: %d bytes read + written)%n",
                heapMs, bytes);
        out.printf("alloc_copy_ms %.3f  (x.dup(): allocate a fresh FLOAT [T,N] INDArray and copy into it)%n", dupMs);
        out.printf("traffic_baseline_ms %.3f  (%s: the bytes a fused LIF forward+backward must move = "
                + "read x, write s; read ds and x, write dx = %d bytes, i.e. a copy of 2.5*T*N floats)%n",
                trafficMs, trafficMeasured ? "one ND4J copy of 2.5*T*N floats into a preallocated array"
                        : "2.5 * copy_ms (too large to allocate)", 5 * bytes);
        out.printf("kernel_forward_ms %.3f  (kernel API, allocating its outputs)%n", kFwdMs);
        out.printf("kernel_forward_backward_ms %.3f  (kernel API, allocating its outputs)%n", kFbMs);
        if (fwdInto != null) {
            out.printf("forward_into_ms %.3f  (forwardInto: preallocated spikes/vFinal, compute only)%n", intoMs);
            out.printf("forward_backward_into_ms %.3f  (forwardInto + backwardInto, preallocated outputs)%n",
                    fbIntoMs);
            out.printf("ratio forward_backward_into/traffic_baseline %.2f%n", fbIntoMs / trafficMs);
            out.printf("reference_forward_backward_ms %.3f  (generic path of the Lif definition: per-step "
                    + "autograd loop, FLOAT, reps %d)%n", refMs, refReps);
            out.printf("speedup reference/layer %.1f, reference/forward_backward_into %.1f%n",
                    refMs / layerMs, refMs / fbIntoMs);
            out.printf("ratio layer/forward_backward_into %.2f%n", layerMs / fbIntoMs);
        }
        out.printf("ratio forward_backward/copy %.2f, forward_backward/traffic_baseline %.2f%n",
                layerMs / copyMs, layerMs / trafficMs);
        out.printf("copy_ms %.3f%n", copyMs);
        out.printf("forward_ms %.3f%n", layerFwdMs);
        out.printf("forward_backward_ms %.3f%n", layerMs);
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
