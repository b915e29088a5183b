package io.snn4j.data.events;

/**
 * What {@link EventBatch} and {@link EventStream} share: events as a struct of arrays (t in µs, x, y,
 * polarity 1 = ON / 0 = OFF), of which the first {@link #size()} entries are the events. The arrays
 * are exposed without copying for speed.
 */
abstract class EventArrays {
    private final long[] t;
    private final int[] x;
    private final int[] y;
    private final byte[] p;
    private final int size;

    /** Wraps the arrays (not copied); subclasses check them against {@code size}. */
    EventArrays(long[] t, int[] x, int[] y, byte[] p, int size) {
        this.t = t;
        this.x = x;
        this.y = y;
        this.p = p;
        this.size = size;
    }

    /** Number of events. */
    public final int size() {
        return size;
    }

    /** Timestamps in µs (shared, not copied). */
    public final long[] t() {
        return t;
    }

    /** x coordinates (shared). */
    public final int[] x() {
        return x;
    }

    /** y coordinates (shared). */
    public final int[] y() {
        return y;
    }

    /** Polarities, 1 = ON, 0 = OFF (shared). */
    public final byte[] p() {
        return p;
    }
}
