package io.snn4j.bench.cli;

import io.snn4j.core.nn.MemoryEstimate;
import io.snn4j.core.nn.MemoryEstimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench neuron --type lif|lmh|mpe-psn --T 8 --N 1048576 [--reps R] [--warmup W] [--parallel]}:
 * parses and checks the options (refusing up front what cannot fit in memory, {@link #nativeBytes} and
 * {@link #heapBytes}) and runs {@link NeuronBench#measure}, whose last two lines are the layer on the tape:
 * {@code forward_ms X}, {@code forward_backward_ms Y}.
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
        return NeuronBench.measure(name, steps, n, reps, warmup, parallel, out());
    }

    /**
     * Native bytes {@link NeuronBench#measure} keeps alive at once: input and upstream gradient, the copy target, the
     * traffic baseline's 2.5·T·N-float source and target, and a forward+backward's outputs, saved state and
     * input gradient (about 4·T·N floats); at least 14·T·N floats in all.
     */
    static long nativeBytes(String type, int steps, int n) {
        long tn = (long) steps * n;
        boolean traffic = 5L * tn / 2 <= (1L << 28);
        return 4L * tn * (2 + 1 + (traffic ? 5 : 0) + 4 + ("lif".equals(type) ? 2 : 0));
    }

    /** Heap bytes of {@link NeuronBench#measure}: the heap-copy baseline's two float[T·N] and one being filled. */
    static long heapBytes(int steps, int n) {
        return 3L * 4L * steps * n;
    }
}
