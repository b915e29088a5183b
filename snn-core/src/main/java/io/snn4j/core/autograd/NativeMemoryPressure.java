package io.snn4j.core.autograd;

import java.util.concurrent.atomic.AtomicLong;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the garbage of off-heap ND4J buffers bounded.
 *
 * <p>ND4J releases an array's native buffer only when the garbage collector has collected the small
 * Java object that owns it. A training loop allocates hundreds of MiB of native arrays while creating
 * only a few MiB of Java objects, so the collector may not run for thousands of steps; meanwhile
 * dead native buffers pile up and the process RSS grows (measured: +350 MiB over 1,000 steps of a
 * small MLP, levelling off only after the first collection). The tape therefore counts the bytes of
 * every array it records (op outputs and gradients) and, at the end of a backward pass, asks for a
 * collection once the bytes allocated since the last one exceed {@code max(floor, 2 × the last
 * step's bytes)}: about one collection every two steps for large models (a few ms against a step of
 * seconds) and a bounded RSS overhead of about twice a step's arrays. Between backward passes (and in
 * inference loops, which have none) the bound is four times that, and at least eight of the largest array counted
 * so far: an inference forward that recycles its activations ({@code Sequential} under {@code GradMode.noGrad()})
 * holds a few of them alive at once, which is no garbage (VGGSNN at batch 32: 360 MiB of 72–144 MiB activations
 * asked for a full collection every forward with the bare 256 MiB bound).
 *
 * <p>Arrays given back to the {@link BufferPool} (by the tape, {@link Tensor#releaseGraph()},
 * {@link BufferPool#recycle} or an optimizer's {@code zeroGrad()}) are not garbage and are not counted; views, and
 * results made over an input's buffer (a reshape's value or gradient), share counted memory and are not counted
 * either. The element-wise ops take their results from the pool too, so a training loop that releases its graph
 * asks for no collection in its steady steps (measured: none in 2,000 steps of SEW-ResNet-18, docs/benchmarks.md;
 * pinned by {@code CollectionRequestTest}).
 *
 * <p>Arrays made outside the tape (ND4J calls in user code, a data loader's batches) are not counted. A step makes
 * enough short-lived Java objects that young collections run every few steps and free them; an earlier version also
 * watched the resident set, but its growth is mostly the collector's own heap sizing and the JIT, which a requested
 * full collection does not free (it only shrank the heap, to be paged in again: a saw-tooth of ±70 MiB).
 *
 * <p>Each request is logged at DEBUG with its reason.
 *
 * <p>The floor is {@value #DEFAULT_FLOOR_MIB} MiB; set {@code -Dsnn4j.gc.floorMiB=N} to change it
 * or {@code -Dsnn4j.gc.floorMiB=0} to turn the mechanism off.
 */
final class NativeMemoryPressure {
    static final long DEFAULT_FLOOR_MIB = 64;
    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryPressure.class);
    private static final AtomicLong SINCE_GC = new AtomicLong();
    private static final AtomicLong SINCE_STEP = new AtomicLong();
    private static final AtomicLong LAST_STEP = new AtomicLong();
    private static final AtomicLong REQUESTS = new AtomicLong();
    /** The largest array counted so far: a forward's live activations are a few of those. */
    private static final AtomicLong LARGEST = new AtomicLong();

    static {
        MallocTuning.ensure();   // before the tape's first array
    }

    private NativeMemoryPressure() {
    }

    /**
     * Counts {@code a}, an op's result (or gradient) computed from {@code sources} (its inputs' values, or the output
     * gradients it came from), unless it shares memory counted when its buffer was made: a view (a sub-array), or an
     * array made over the buffer of one of {@code sources} (a reshape's value or gradient). Only arrays over the whole
     * of their own buffer are counted, as the tape's releases count whole buffers.
     */
    static void allocated(INDArray a, INDArray... sources) {
        if (a == null || floor() <= 0 || a.data() != BufferPool.root(a.data()) || a.length() != a.data().length()
                || overSource(a, sources)) {
            return;
        }
        long bytes = a.length() * a.dataType().width();
        SINCE_STEP.addAndGet(bytes);
        LARGEST.accumulateAndGet(bytes, Math::max);
        long bound = Math.max(4 * threshold(), 8 * LARGEST.get());
        if (SINCE_GC.addAndGet(bytes) >= bound) {
            LOG.debug("requesting a collection: {} MiB of tape arrays since the last one (bound {} MiB, no backward)",
                    SINCE_GC.get() >> 20, bound >> 20);
            collect();
        }
    }

    private static boolean overSource(INDArray a, INDArray[] sources) {
        for (INDArray s : sources) {
            if (s != null && BufferPool.root(s.data()) == a.data()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bytes the tape released explicitly (into the buffer pool or closed): they no longer wait for a collection;
     * negative for pooled bytes dropped again.
     */
    static void released(long bytes) {
        if (bytes == 0 || floor() <= 0) {
            return;
        }
        // never below zero: arrays the tape did not count (a gradient slot's zeros, a leaf's gradient copy) are
        // released too, and a negative balance would hide later garbage
        SINCE_GC.updateAndGet(v -> Math.max(0, v - bytes));
    }

    /** Called at the end of a backward pass: a training step boundary. */
    static void stepEnded() {
        if (floor() <= 0) {
            return;
        }
        LAST_STEP.set(SINCE_STEP.getAndSet(0));
        if (SINCE_GC.get() >= threshold()) {
            LOG.debug("requesting a collection: {} MiB of unreleased tape arrays since the last one (bound {} MiB)",
                    SINCE_GC.get() >> 20, threshold() >> 20);
            collect();
        }
    }

    private static long threshold() {
        return Math.max(floor(), 2 * LAST_STEP.get());
    }

    /** Read at each use (a property lookup), so that a test or an application can switch it at run time. */
    private static long floor() {
        return Long.getLong("snn4j.gc.floorMiB", DEFAULT_FLOOR_MIB) << 20;
    }

    /** Bytes of counted arrays not released since the last collection (for tests). */
    static long unreleasedBytes() {
        return SINCE_GC.get();
    }

    /** Bytes counted between the last two step boundaries (for tests). */
    static long lastStepBytes() {
        return LAST_STEP.get();
    }

    /** Forgets the sizes learned from earlier steps and arrays (for tests that need the bare bounds). */
    static void reset() {
        SINCE_GC.set(0);
        SINCE_STEP.set(0);
        LAST_STEP.set(0);
        LARGEST.set(0);
    }

    /** How many collections this process has requested (for tests). */
    static long requests() {
        return REQUESTS.get();
    }

    private static void collect() {
        REQUESTS.incrementAndGet();
        SINCE_GC.set(0);
        System.gc();
    }
}
