package io.snn4j.data.events;

import java.util.Arrays;

/**
 * One recording (or one labelled slice of it) held in memory once as a struct of arrays, with the
 * sensor resolution; the input of frame integration.
 */
public final class EventStream extends EventArrays {
    private final int width;
    private final int height;

    /** Takes ownership of the arrays (all of the same length). */
    public EventStream(int width, int height, long[] t, int[] x, int[] y, byte[] p) {
        super(t, x, y, p, t.length);
        if (t.length != x.length || t.length != y.length || t.length != p.length) {
            throw new IllegalArgumentException("event arrays differ in length");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resolution must be positive: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    /** Sensor width (x range is [0, width)). */
    public int width() {
        return width;
    }

    /** Sensor height (y range is [0, height)). */
    public int height() {
        return height;
    }

    /** Events with index in [from, to), copied. */
    public EventStream slice(int from, int to) {
        return copyOfRange(width, height, t(), x(), y(), p(), from, to);
    }

    /** A stream of copies of entries [from, to) of the arrays. */
    private static EventStream copyOfRange(int width, int height, long[] t, int[] x, int[] y, byte[] p, int from, int to) {
        return new EventStream(width, height, Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(x, from, to),
                Arrays.copyOfRange(y, from, to), Arrays.copyOfRange(p, from, to));
    }

    /** Events with timestamp in [tStart, tEnd) (assumes non-decreasing timestamps), copied. */
    public EventStream sliceByTime(long tStart, long tEnd) {
        return slice(lowerBound(t(), tStart), lowerBound(t(), tEnd));
    }

    /** First index i with t[i] >= value, or t.length if there is none (t non-decreasing). */
    public static int lowerBound(long[] t, long value) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Growable builder that appends batches. */
    public static final class Builder {
        private final int width;
        private final int height;
        private long[] t = new long[1024];
        private int[] x = new int[1024];
        private int[] y = new int[1024];
        private byte[] p = new byte[1024];
        private int n;

        /** A builder for a sensor of the given resolution. */
        public Builder(int width, int height) {
            this.width = width;
            this.height = height;
        }

        private void ensure(int extra) {
            int need = n + extra;
            if (need > t.length) {
                int cap = Math.max(need, t.length * 2);
                t = Arrays.copyOf(t, cap);
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                p = Arrays.copyOf(p, cap);
            }
        }

        /** Appends one event. */
        public Builder add(long ts, int xs, int ys, int pol) {
            ensure(1);
            t[n] = ts;
            x[n] = xs;
            y[n] = ys;
            p[n] = (byte) pol;
            n++;
            return this;
        }

        /** Appends the events of a batch. */
        public Builder add(EventBatch b) {
            int m = b.size();
            ensure(m);
            System.arraycopy(b.t(), 0, t, n, m);
            System.arraycopy(b.x(), 0, x, n, m);
            System.arraycopy(b.y(), 0, y, n, m);
            System.arraycopy(b.p(), 0, p, n, m);
            n += m;
            return this;
        }

        /** Events appended so far. */
        public int size() {
            return n;
        }

        /** The stream of all appended events. */
        public EventStream build() {
            return copyOfRange(width, height, t, x, y, p, 0, n);
        }
    }
}
