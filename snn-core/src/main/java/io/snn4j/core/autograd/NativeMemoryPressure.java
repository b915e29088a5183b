package io.snn4j.core.autograd;

import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

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
 * seconds) and a bounded RSS overhead of about twice a step's arrays. Loops without backward
 * (inference) use four times that bound.
 *
 * <p>The tape cannot see the temporaries ND4J allocates inside its ops (masks, intermediate results), which are
 * garbage of the same kind; so at each step end the resident set is also compared with its lowest value since the last
 * collection, and a growth above the same bound asks for a collection too. Arrays given back to the
 * {@link BufferPool} (by the tape, {@link Tensor#releaseGraph()}, {@link BufferPool#recycle} or an optimizer's
 * {@code zeroGrad()}) are not garbage and are not counted; views share counted memory and are not counted either.
 *
 * <p>The floor is {@value #DEFAULT_FLOOR_MIB} MiB; set {@code -Dsnn4j.gc.floorMiB=N} to change it
 * or {@code -Dsnn4j.gc.floorMiB=0} to turn the mechanism off.
 */
final class NativeMemoryPressure {
    static final long DEFAULT_FLOOR_MIB = 64;
    private static final AtomicLong SINCE_GC = new AtomicLong();
    private static final AtomicLong SINCE_STEP = new AtomicLong();
    private static final AtomicLong LAST_STEP = new AtomicLong();
    private static final AtomicLong RSS_BASE = new AtomicLong(-1);

    static {
        MallocTuning.ensure();   // before the tape's first array
    }

    private NativeMemoryPressure() {
    }

    static void allocated(INDArray a) {
        // a view (a reshape, a sub-array) shares memory counted when its buffer was made: only arrays over the
        // whole of their own buffer are counted, as the tape's releases count whole buffers
        if (a == null || floor() <= 0 || a.data() != BufferPool.root(a.data()) || a.length() != a.data().length()) {
            return;
        }
        long bytes = a.length() * a.dataType().width();
        SINCE_STEP.addAndGet(bytes);
        if (SINCE_GC.addAndGet(bytes) >= 4 * threshold()) {
            collect();
        }
    }

    /**
     * Bytes the tape released explicitly (into the buffer pool or closed): they no longer wait for a collection;
     * negative for pooled bytes dropped again.
     */
    static void released(long bytes) {
        if (bytes == 0 || floor() <= 0) {
            return;
        }
        SINCE_GC.addAndGet(-bytes);
    }

    /** Called at the end of a backward pass: a training step boundary. */
    static void stepEnded() {
        if (floor() <= 0) {
            return;
        }
        LAST_STEP.set(SINCE_STEP.getAndSet(0));
        // the resident set since the last collection: ND4J's own temporaries inside ops (masks, intermediate results)
        // are garbage the tape never sees, so their growth is read from the process instead (0 where unknown)
        long rss = Pointer.physicalBytes();
        long base = RSS_BASE.get();
        if (base < 0 || rss < base) {
            RSS_BASE.set(rss);
            base = rss;
        }
        if (SINCE_GC.get() >= threshold() || rss - base >= threshold()) {
            collect();
            RSS_BASE.set(-1);   // the collected buffers are freed after the collection: re-read at the next step
        }
    }

    private static long threshold() {
        return Math.max(floor(), 2 * LAST_STEP.get());
    }

    /** Read at each use (a property lookup), so that a test or an application can switch it at run time. */
    private static long floor() {
        return Long.getLong("snn4j.gc.floorMiB", DEFAULT_FLOOR_MIB) << 20;
    }

    private static void collect() {
        SINCE_GC.set(0);
        System.gc();
    }
}
