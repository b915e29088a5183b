package io.snn4j.core.autograd;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

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

    private record Entry(INDArray array, long generation) {
    }

    private final Map<Key, ArrayDeque<Entry>> free = new HashMap<>();
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
        INDArray a = POOL.get().take(type, n);
        return a == null ? Nd4j.createUninitialized(type, shape) : a.reshape('c', shape);
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
        p.bytes = 0;
    }

    private INDArray take(DataType type, long length) {
        ArrayDeque<Entry> q = free.get(new Key(type, length));
        if (q == null || q.isEmpty()) {
            return null;
        }
        Entry e = q.pollLast();
        bytes -= length * type.width();
        return e.array();
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
                dropped += e.array().length() * e.array().dataType().width();
            }
        }
        p.bytes -= dropped;
        p.generation++;
        return dropped;
    }

    /**
     * Offers a dead buffer: {@code a} must be dense and cover its whole native buffer, and nothing may read or write
     * it afterwards. Returns false when the pool is full (the caller leaves it to the collector).
     */
    static boolean give(INDArray a) {
        return POOL.get().put(a);
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
        INDArray flat = a.reshape('c', new long[] {a.length()});
        if (Boolean.getBoolean("snn4j.pool.poison")) {
            flat.assign(Double.NaN);
        }
        q.addLast(new Entry(flat, generation));
        bytes += b;
        return true;
    }
}
