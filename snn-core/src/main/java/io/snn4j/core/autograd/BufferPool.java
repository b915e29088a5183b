package io.snn4j.core.autograd;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuse of the native buffers the tape has released (consumed gradients, a finished step's activations), per thread,
 * keyed by data type and length: ops that allocate their outputs through {@link #uninitialized} or {@link #zeros}
 * get a released buffer of the same size back instead of fresh memory. ND4J 1.0.0-M2.1 on CPU frees a buffer only
 * when the garbage collector collects its owner ({@code INDArray.close()} marks it closed but keeps the memory until
 * then, measured), and every fresh buffer costs a page fault per 4 KiB on first touch; a training loop that releases
 * its graph therefore runs its steady steps on the same memory.
 *
 * <p>Bounded: at most {@value #MAX_PER_KEY} buffers per key and {@code snn4j.pool.maxMiB} (default
 * {@value #DEFAULT_MAX_MIB}) MiB in all per thread, and at each end of a backward pass the buffers that waited
 * through a whole step unused are dropped; what does not fit or is dropped is left to the collector. With
 * {@code -Dsnn4j.pool.poison=true} every buffer entering the pool is filled with NaN, so that a read through a stale
 * reference shows (tests run with it).
 */
public final class BufferPool {
    static final int MAX_PER_KEY = 32;
    static final long DEFAULT_MAX_MIB = 1024;
    private static final ThreadLocal<BufferPool> POOL = ThreadLocal.withInitial(BufferPool::new);

    private record Key(DataType type, long length) {
    }

    /** A pooled buffer: always the root native buffer, never a view wrapper (see {@link #root}). */
    private record Entry(DataBuffer buffer, long generation) {
    }

    private final Map<Key, ArrayDeque<Entry>> free = new HashMap<>();
    /** The root buffers now in {@link #free}: a buffer is pooled at most once, and a taken one is live again. */
    private final Map<DataBuffer, Boolean> pooled = new IdentityHashMap<>();
    private long bytes;
    private long generation;

    private BufferPool() {
    }

    /** An array of the given type and shape with unspecified contents (a reused buffer when one is pooled). */
    public static INDArray uninitialized(DataType type, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        DataBuffer b = POOL.get().take(type, n);
        // an array made directly over the root buffer: a reshape would wrap it once more on every reuse
        return b == null ? Nd4j.createUninitialized(type, shape)
                : Nd4j.create(b, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', type);
    }

    /** An array of zeros of the given type and shape. */
    public static INDArray zeros(DataType type, long... shape) {
        INDArray a = uninitialized(type, shape);
        return a.assign(0);
    }

    /** Bytes held by this thread's pool. */
    public static long pooledBytes() {
        return POOL.get().bytes;
    }

    /** Drops this thread's pooled buffers (they are then freed by the collector). */
    public static void clear() {
        BufferPool p = POOL.get();
        p.free.clear();
        p.pooled.clear();
        p.bytes = 0;
    }

    private DataBuffer take(DataType type, long length) {
        ArrayDeque<Entry> q = free.get(new Key(type, length));
        if (q == null || q.isEmpty()) {
            return null;
        }
        Entry e = q.pollLast();
        pooled.remove(e.buffer());
        bytes -= length * type.width();
        return e.buffer();
    }

    /**
     * A training-step boundary (the end of a backward pass): buffers pooled before the previous boundary were not
     * wanted by a whole step and are dropped (left to the collector), so that the pool holds what one step reuses
     * rather than growing when ops that allocate elsewhere keep releasing into it. Returns the bytes dropped.
     */
    static long stepEnded() {
        BufferPool p = POOL.get();
        long dropped = 0;
        for (ArrayDeque<Entry> q : p.free.values()) {
            while (!q.isEmpty() && q.peekFirst().generation() < p.generation) {
                Entry e = q.pollFirst();
                p.pooled.remove(e.buffer());
                dropped += e.buffer().length() * e.buffer().getElementSize();
            }
        }
        p.bytes -= dropped;
        p.generation++;
        return dropped;
    }

    /**
     * Gives {@code dead}'s buffer back for reuse, unless it also backs one of {@code live} (a view of it, say) or
     * {@code dead} does not cover its whole buffer. For code that knows an array is dead outside a recorded graph
     * (an inference forward's intermediate activation); nothing may read or write {@code dead} afterwards.
     * Returns whether it was taken. Bytes taken no longer count towards the tape's request for a collection
     * ({@code NativeMemoryPressure}), as with {@link Tensor#releaseGraph()}.
     */
    public static boolean recycle(INDArray dead, INDArray... live) {
        if (dead == null || dead.wasClosed() || !ShapeOps.isDense(dead)) {
            return false;
        }
        DataBuffer r = root(dead.data());
        for (INDArray l : live) {
            if (l != null && root(l.data()) == r) {
                return false;
            }
        }
        if (!give(dead)) {
            return false;
        }
        NativeMemoryPressure.released(dead.length() * dead.dataType().width());
        return true;
    }

    /** Whether {@code root} (a root native buffer) is in this thread's pool now, waiting to be handed out. */
    static boolean isPooled(DataBuffer root) {
        return POOL.get().pooled.containsKey(root);
    }

    /**
     * Offers a dead buffer: {@code a} must be dense and cover its whole native buffer, and nothing may read or write
     * it afterwards. Returns false when the pool is full (the caller leaves it to the collector).
     */
    static boolean give(INDArray a) {
        return POOL.get().put(a);
    }

    /**
     * The native buffer under every view wrapper of {@code b}. ND4J 1.0.0-M2.1's {@code reshape} wraps the buffer of
     * the array it reshapes in a new view buffer, and {@code DataBuffer.wasClosed()} recurses through the wrappers:
     * a pool that handed out reshapes of reshapes would grow that chain by one per reuse, making every op slower
     * step by step until the recursion overflows the stack.
     */
    static DataBuffer root(DataBuffer b) {
        DataBuffer u = b.underlyingDataBuffer();
        while (u != null && u != b) {
            b = u;
            u = b.underlyingDataBuffer();
        }
        return b;
    }

    /** How many view wrappers lie over {@code a}'s native buffer (0 for an array made over the buffer itself). */
    static int wrapperDepth(INDArray a) {
        int d = 0;
        DataBuffer b = a.data();
        for (DataBuffer u = b.underlyingDataBuffer(); u != null && u != b; u = b.underlyingDataBuffer()) {
            b = u;
            d++;
        }
        return d;
    }

    private boolean put(INDArray a) {
        long b = a.length() * a.dataType().width();
        long max = Long.getLong("snn4j.pool.maxMiB", DEFAULT_MAX_MIB) << 20;
        if (a.length() == 0 || bytes + b > max) {
            return false;
        }
        Key k = new Key(a.dataType(), a.length());
        ArrayDeque<Entry> q = free.computeIfAbsent(k, x -> new ArrayDeque<>());
        if (q.size() >= MAX_PER_KEY) {
            return false;
        }
        DataBuffer root = root(a.data());
        if (root.length() != a.length() || pooled.containsKey(root)) {
            return false;   // a part of a buffer, or a buffer already pooled (handing it out twice would alias)
        }
        if (Boolean.getBoolean("snn4j.pool.poison")) {
            Nd4j.create(root, new long[] {a.length()}, new long[] {1}, 0, 'c', a.dataType()).assign(Double.NaN);
        }
        q.addLast(new Entry(root, generation));
        pooled.put(root, Boolean.TRUE);
        bytes += b;
        return true;
    }
}
