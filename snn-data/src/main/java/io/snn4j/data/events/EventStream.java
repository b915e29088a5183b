package io.snn4j.data.events;

import java.util.Arrays;

/**
 * One recording (or one labelled slice of it) held in memory once as a struct of arrays, with the
 * sensor resolution; the input of frame integration. Timestamps are non-decreasing (slicing by time
 * and time-binned frames rely on it): the constructor rejects arrays out of order, and
 * {@link Builder#build()} (which {@link EventReader#readAll()} uses) sorts them stably by timestamp,
 * as real cameras do deliver some events late.
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
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                throw new IllegalArgumentException("event timestamps must be non-decreasing: t[" + i + "] = " + t[i]
                        + " < t[" + (i - 1) + "] = " + t[i - 1] + " (EventStream.Builder sorts events by time)");
            }
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
        private long outOfOrder;

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
            if (n > 0 && ts < t[n - 1]) {
                outOfOrder++;
            }
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
            long[] bt = b.t();
            for (int i = 0; i < m; i++) {
                if ((i > 0 ? bt[i - 1] : n > 0 ? t[n - 1] : Long.MIN_VALUE) > bt[i]) {
                    outOfOrder++;
                }
            }
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

        /** Events so far whose timestamp is smaller than that of the event appended before them. */
        public long outOfOrder() {
            return outOfOrder;
        }

        /**
         * The stream of all appended events, sorted stably by timestamp when any arrived out of
         * order (events with equal timestamps keep their file order).
         */
        public EventStream build() {
            if (outOfOrder == 0) {
                return copyOfRange(width, height, t, x, y, p, 0, n);
            }
            int[] order = stableOrder(t, n);
            long[] st = new long[n];
            int[] sx = new int[n];
            int[] sy = new int[n];
            byte[] sp = new byte[n];
            for (int i = 0; i < n; i++) {
                int k = order[i];
                st[i] = t[k];
                sx[i] = x[k];
                sy[i] = y[k];
                sp[i] = p[k];
            }
            return new EventStream(width, height, st, sx, sy, sp);
        }

        /** Indices of t[0, n) in stable ascending order (bottom-up merge sort; runs already in order are not merged). */
        static int[] stableOrder(long[] t, int n) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            int[] b = new int[n];
            for (int width = 1; width < n; width *= 2) {
                for (int lo = 0; lo < n; lo += 2 * width) {
                    int mid = Math.min(lo + width, n);
                    int hi = Math.min(lo + 2 * width, n);
                    if (mid >= hi || t[a[mid - 1]] <= t[a[mid]]) {
                        System.arraycopy(a, lo, b, lo, hi - lo);
                        continue;
                    }
                    int i = lo;
                    int j = mid;
                    for (int k = lo; k < hi; k++) {
                        b[k] = (j >= hi || (i < mid && t[a[i]] <= t[a[j]])) ? a[i++] : a[j++];
                    }
                }
                int[] tmp = a;
                a = b;
                b = tmp;
            }
            return a;
        }
    }
}
