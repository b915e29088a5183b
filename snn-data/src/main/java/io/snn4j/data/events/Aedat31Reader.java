package io.snn4j.data.events;

import io.snn4j.data.io.Bytes;
import io.snn4j.data.io.CheckedInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streaming reader of cAER AEDAT 3.1 recordings (DVS128 Gesture, Amir et al. 2017): ASCII '#' header
 * ending "#!END-HEADER", then packets with a 28-byte little-endian header; type 1 = polarity events
 * of 8 bytes (uint32 data: bit 0 valid, bit 1 polarity, bits 2-16 y, bits 17-31 x; int32 t, extended
 * by tsOverflow &lt;&lt; 31). Other packet types are skipped by their declared size; events whose valid
 * bit is clear are dropped unless {@code keepInvalid} (SpikingJelly keeps them) and counted.
 */
public final class Aedat31Reader extends CheckedEventReader {
    /** Packet type of polarity events. */
    public static final int POLARITY_EVENT = 1;
    private static final int HEADER_BYTES = 28;
    private static final int MAX_PACKET_BYTES = 1 << 28;

    private final boolean keepInvalid;
    private final byte[] header = new byte[HEADER_BYTES];
    private byte[] body = new byte[1 << 16];
    private long invalidDropped;

    /** Opens a DVS128 (128 x 128) recording, dropping events marked invalid. */
    public Aedat31Reader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString(), 128, 128, false);
    }

    /** Reads from a stream; {@code source} names it in errors; coordinates must lie in width x height. */
    public Aedat31Reader(InputStream stream, String source, int width, int height, boolean keepInvalid) throws IOException {
        super(new CheckedInput(stream, source), EventFormat.AEDAT31, width, height);
        this.keepInvalid = keepInvalid;
        readHeaderOrClose(this::readHeader);
    }

    private void readHeader() throws IOException {
        requireMagicLine("#!AER-DAT3.", "#!AER-DAT3.1", "the AEDAT 3.1 magic line");
        while (true) {
            long lineStart = in.position();
            String line = in.readLine(1 << 16, "an AEDAT 3.1 header line");
            if (line == null) {
                throw in.corrupt(lineStart, "\"#!END-HEADER\"", "end of file");
            }
            if (line.equals("#!END-HEADER")) {
                return;
            }
            if (!line.startsWith("#")) {
                throw in.corrupt(lineStart, "a '#' header line or \"#!END-HEADER\"", "\"" + clip(line) + "\"");
            }
        }
    }

    /** Events dropped so far because their valid bit was clear (0 with keepInvalid). */
    public long invalidDropped() {
        return invalidDropped;
    }

    @Override
    public EventBatch nextBatch() throws IOException {
        while (true) {
            long start = in.position();
            int n = in.readUpTo(header, 0, HEADER_BYTES);
            if (n == 0) {
                return null;
            }
            if (n < HEADER_BYTES) {
                throw in.corrupt(start, "a 28-byte packet header", "end of file after " + n + " bytes");
            }
            int type = Bytes.int16LE(header, 0);
            int eventSize = Bytes.int32LE(header, 4);
            long tsOverflow = Bytes.int32LE(header, 12) & 0xFFFFFFFFL;
            int capacity = Bytes.int32LE(header, 16);
            int number = Bytes.int32LE(header, 20);
            if (eventSize <= 0 || capacity < 0 || number < 0 || number > capacity
                    || (long) eventSize * capacity > MAX_PACKET_BYTES) {
                throw in.corrupt(start, "a packet header with eventSize > 0 and 0 <= eventNumber <= eventCapacity",
                        "type=" + type + ", eventSize=" + eventSize + ", eventCapacity=" + capacity + ", eventNumber=" + number);
            }
            int bodyLen = eventSize * capacity;
            if (type != POLARITY_EVENT) {
                in.skipFully(bodyLen, "the body of a type-" + type + " packet");
                continue;
            }
            if (eventSize != 8) {
                throw in.corrupt(start + 4, "eventSize 8 for polarity events", String.valueOf(eventSize));
            }
            long bodyStart = in.position();
            // grows with the bytes present: a header claiming more than the file holds allocates no more than it
            body = in.readGrowing(body, bodyLen, "a polarity packet body of " + capacity + " events");
            long[] t = new long[number];
            int[] x = new int[number];
            int[] y = new int[number];
            byte[] p = new byte[number];
            int m = 0;
            for (int i = 0, o = 0; i < number; i++, o += 8) {
                int data = Bytes.int32LE(body, o);
                if ((data & 1) == 0 && !keepInvalid) {
                    invalidDropped++;
                    continue;
                }
                int xi = (data >>> 17) & 0x7FFF;
                int yi = (data >>> 2) & 0x7FFF;
                requireOnSensor(bodyStart + o, xi, yi);
                x[m] = xi;
                y[m] = yi;
                p[m] = (byte) ((data >>> 1) & 1);
                t[m] = (tsOverflow << 31) | (Bytes.int32LE(body, o + 4) & 0xFFFFFFFFL);
                m++;
            }
            if (m > 0) {
                return new EventBatch(t, x, y, p, m);
            }
        }
    }
}
