package io.snn4j.core.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts the bytes of the arrays that operations produce on the current thread while the meter is
 * open, whether or not they are recorded for backward: the probe of
 * {@link io.snn4j.core.nn.MemoryEstimator}. Meters nest; each counts what happens while it is the
 * innermost open one on its thread.
 *
 * <pre>{@code
 * try (AllocationMeter m = AllocationMeter.start(); GradMode.Scope ignored = GradMode.noGrad()) {
 *     model.forward(x);
 *     long bytes = m.bytes();
 * }
 * }</pre>
 */
public final class AllocationMeter implements AutoCloseable {
    private static final ThreadLocal<AllocationMeter> CURRENT = new ThreadLocal<>();

    private final AllocationMeter outer;
    private long bytes;
    private long arrays;
    private boolean closed;

    private AllocationMeter(AllocationMeter outer) {
        this.outer = outer;
    }

    /** Opens a meter on the current thread; close it on the same thread. */
    public static AllocationMeter start() {
        AllocationMeter m = new AllocationMeter(CURRENT.get());
        CURRENT.set(m);
        return m;
    }

    /** Called by {@link Tensor} for every array an operation produces. */
    static void produced(INDArray a) {
        AllocationMeter m = CURRENT.get();
        if (m != null && a != null) {
            m.bytes += a.length() * a.dataType().width();
            m.arrays++;
        }
    }

    /** Bytes of the arrays produced so far while this meter was open. */
    public long bytes() {
        return bytes;
    }

    /** Number of arrays produced so far while this meter was open. */
    public long arrays() {
        return arrays;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CURRENT.set(outer);
        }
    }
}
