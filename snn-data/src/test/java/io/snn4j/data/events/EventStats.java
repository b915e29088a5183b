package io.snn4j.data.events;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helper: summary statistics over a reader, consumed batch by batch. */
final class EventStats {
    long count;
    long on;
    long off;
    long first = Long.MIN_VALUE;
    long last;
    int minX = Integer.MAX_VALUE;
    int maxX = Integer.MIN_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxY = Integer.MIN_VALUE;
    boolean monotonic = true;
    int batches;

    static EventStats of(EventReader r) throws IOException {
        EventStats s = new EventStats();
        EventBatch b;
        long prev = Long.MIN_VALUE;
        while ((b = r.nextBatch()) != null) {
            s.batches++;
            for (int i = 0; i < b.size(); i++) {
                long t = b.t()[i];
                if (s.first == Long.MIN_VALUE) {
                    s.first = t;
                }
                if (t < prev) {
                    s.monotonic = false;
                }
                prev = t;
                s.last = t;
                s.count++;
                if (b.p()[i] == 1) {
                    s.on++;
                } else {
                    s.off++;
                }
                s.minX = Math.min(s.minX, b.x()[i]);
                s.maxX = Math.max(s.maxX, b.x()[i]);
                s.minY = Math.min(s.minY, b.y()[i]);
                s.maxY = Math.max(s.maxY, b.y()[i]);
            }
        }
        return s;
    }

    /** Asserts the number of events, and of OFF and ON events. */
    void assertCounts(long count, long off, long on) {
        assertEquals(count, this.count, "count");
        assertEquals(off, this.off, "off");
        assertEquals(on, this.on, "on");
    }

    /** Asserts the smallest and largest x and y seen. */
    void assertExtent(int minX, int maxX, int minY, int maxY) {
        assertEquals(minX, this.minX, "minX");
        assertEquals(maxX, this.maxX, "maxX");
        assertEquals(minY, this.minY, "minY");
        assertEquals(maxY, this.maxY, "maxY");
    }
}
