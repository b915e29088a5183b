package io.snn4j.data.events;

/**
 * A chunk of DVS events as a struct of arrays (t in µs, x, y, polarity 1 = ON / 0 = OFF); the first
 * {@link #size()} entries of each array are valid. Arrays are exposed without copying for speed.
 */
public final class EventBatch {
    private final long[] t;
    private final int[] x;
    private final int[] y;
    private final byte[] p;
    private final int size;

    /** Wraps the arrays (not copied); each must hold at least {@code size} entries. */
    public EventBatch(long[] t, int[] x, int[] y, byte[] p, int size) {
        if (size < 0 || t.length < size || x.length < size || y.length < size || p.length < size) {
            throw new IllegalArgumentException("arrays shorter than size " + size);
        }
        this.t = t;
        this.x = x;
        this.y = y;
        this.p = p;
        this.size = size;
    }

    /** Number of valid events. */
    public int size() {
        return size;
    }

    /** Timestamps in µs (shared, not copied). */
    public long[] t() {
        return t;
    }

    /** x coordinates (shared). */
    public int[] x() {
        return x;
    }

    /** y coordinates (shared). */
    public int[] y() {
        return y;
    }

    /** Polarities, 1 = ON, 0 = OFF (shared). */
    public byte[] p() {
        return p;
    }
}
