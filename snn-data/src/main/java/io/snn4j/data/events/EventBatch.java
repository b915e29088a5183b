package io.snn4j.data.events;

/**
 * A chunk of DVS events as a struct of arrays (t in µs, x, y, polarity 1 = ON / 0 = OFF); the first
 * {@link #size()} entries of each array are valid. Arrays are exposed without copying for speed.
 */
public final class EventBatch extends EventArrays {
    /** Wraps the arrays (not copied); each must hold at least {@code size} entries. */
    public EventBatch(long[] t, int[] x, int[] y, byte[] p, int size) {
        super(t, x, y, p, size);
        if (size < 0 || t.length < size || x.length < size || y.length < size || p.length < size) {
            throw new IllegalArgumentException("arrays shorter than size " + size);
        }
    }
}
