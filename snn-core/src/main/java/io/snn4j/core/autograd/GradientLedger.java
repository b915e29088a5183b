package io.snn4j.core.autograd;

import java.util.IdentityHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ownership of the gradient arrays of one backward pass, so that the tape can release each one as soon as its
 * last consumer has run (instead of leaving hundreds of MiB of dead native buffers to the garbage collector) and
 * hand a gradient to a leaf without a defensive copy when nothing else can see it.
 *
 * <p>Arrays are identified by their root native buffer (a reshape view and its base share one). A buffer is
 * <em>pinned</em> (never released, never handed out) when it backs a tensor value of the graph, the seed, or a
 * leaf's gradient. A gradient buffer is released when no pending output-gradient slot refers to it and it is not
 * pinned: into the {@link BufferPool} when a dense array over the whole buffer is known (poisoned with NaN under
 * {@code -Dsnn4j.pool.poison=true}), otherwise closed (later use fails with ND4J's "argument was closed"; note that
 * ND4J 1.0.0-M2.1 keeps a closed buffer's memory until its owner is collected).
 */
final class GradientLedger {
    private final Map<DataBuffer, Integer> pending = new IdentityHashMap<>();
    private final Map<DataBuffer, Boolean> pinned = new IdentityHashMap<>();
    private final Map<DataBuffer, INDArray> owners = new IdentityHashMap<>();
    private long releasedBytes;

    static DataBuffer root(INDArray a) {
        DataBuffer b = BufferPool.root(a.data());
        DataBuffer o = b.originalDataBuffer();
        return o != null ? o : b;
    }

    void pin(INDArray a) {
        if (a != null) {
            pinned.put(root(a), Boolean.TRUE);
        }
    }

    boolean isPinned(INDArray a) {
        return pinned.containsKey(root(a));
    }

    /** A slot (a node's pending output gradient) now refers to {@code a}. */
    void hold(INDArray a) {
        DataBuffer r = root(a);
        pending.merge(r, 1, Integer::sum);
        if (!a.isView()) {
            owners.putIfAbsent(r, a);
        }
    }

    /** A slot no longer refers to {@code a}. */
    void drop(INDArray a) {
        pending.computeIfPresent(root(a), (k, v) -> v > 1 ? v - 1 : null);
    }

    boolean isHeld(INDArray a) {
        return pending.containsKey(root(a));
    }

    /** Notes a closeable array over {@code a}'s buffer (a candidate for release). */
    void seen(INDArray a) {
        if (a != null && !a.isView()) {
            owners.putIfAbsent(root(a), a);
        }
    }

    /** Frees {@code a}'s buffer if no slot refers to it and it is not pinned. */
    void releaseIfDead(INDArray a) {
        if (a == null) {
            return;
        }
        DataBuffer r = root(a);
        if (pending.containsKey(r) || pinned.containsKey(r) || alreadyReleased(r)) {
            return;
        }
        // a dense array over the whole buffer goes back to the pool for reuse; otherwise the buffer is closed
        INDArray whole = owners.get(r);
        if (whole == null && ShapeOps.isDense(a) && a.length() == r.length()) {
            whole = a;
        }
        owners.remove(r);
        if (whole != null && !whole.wasClosed() && whole.length() == r.length() && BufferPool.give(whole)) {
            releasedBytes += whole.length() * whole.dataType().width();
        } else if (r.closeable() && !r.wasClosed()) {
            releasedBytes += r.length() * r.getElementSize();
            r.close();
        }
    }

    /**
     * Whether {@code r} is released now: waiting in the pool, or closed. Read from the buffer rather than remembered:
     * a buffer the pool has handed out again to a later node's gradient in this pass is live once more and must be
     * released in its turn, or it would leave the pool for good and the next step would page in a fresh one.
     */
    private static boolean alreadyReleased(DataBuffer r) {
        return r.wasClosed() || BufferPool.isPooled(r);
    }

    long releasedBytes() {
        return releasedBytes;
    }
}
