package io.snn4j.data.events;

import io.snn4j.data.io.CheckedInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streaming reader of jAER AEDAT 2.0 DVS128 recordings (original CIFAR10-DVS): '#' header lines,
 * then big-endian {@code uint32 address, uint32 timestamp}; address bit 0 = polarity (raw 0 = ON),
 * bits 1-7 = 127 - x, bits 8-14 = y.
 */
public final class Aedat2Reader implements EventReader {
    /** DVS128 resolution. */
    public static final int SIZE = 128;
    private static final int RECORD = 8;
    private static final int CHUNK_EVENTS = 16384;

    private final CheckedInput in;
    private final byte[] buf = new byte[RECORD * CHUNK_EVENTS];
    private long lastT = Long.MIN_VALUE;
    private long wrap;

    /** Opens a file and reads its header. */
    public Aedat2Reader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString());
    }

    /** Reads from a stream; {@code source} names it in error messages. */
    public Aedat2Reader(InputStream stream, String source) throws IOException {
        this.in = new CheckedInput(stream, source);
        try {
            readHeader();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void readHeader() throws IOException {
        long start = in.position();
        String first = in.readLine(4096, "the AEDAT 2.0 magic line");
        if (first == null || !first.startsWith("#!AER-DAT2.")) {
            throw in.corrupt(start, "magic \"#!AER-DAT2.0\"", first == null ? "empty file" : "\"" + clip(first) + "\"");
        }
        while (in.peek() == '#') {
            in.readLine(1 << 16, "an AEDAT 2.0 '#' header line");
        }
    }

    private static String clip(String s) {
        String c = s.replaceAll("[^\\x20-\\x7e]", "?");
        return c.length() > 40 ? c.substring(0, 40) + "..." : c;
    }

    @Override
    public EventFormat format() {
        return EventFormat.AEDAT2;
    }

    @Override
    public int width() {
        return SIZE;
    }

    @Override
    public int height() {
        return SIZE;
    }

    @Override
    public EventBatch nextBatch() throws IOException {
        long start = in.position();
        int n = in.readUpTo(buf, 0, buf.length);
        if (n == 0) {
            return null;
        }
        if (n % RECORD != 0) {
            long recordStart = start + (n / RECORD) * (long) RECORD;
            throw in.corrupt(recordStart, "a complete 8-byte event record (uint32 address, uint32 timestamp)",
                    (n % RECORD) + " bytes before end of file");
        }
        int m = n / RECORD;
        long[] t = new long[m];
        int[] x = new int[m];
        int[] y = new int[m];
        byte[] p = new byte[m];
        for (int i = 0, o = 0; i < m; i++, o += RECORD) {
            int addr = ((buf[o] & 0xFF) << 24) | ((buf[o + 1] & 0xFF) << 16) | ((buf[o + 2] & 0xFF) << 8) | (buf[o + 3] & 0xFF);
            if ((addr & 0xFFFF8000) != 0) {
                throw in.corrupt(start + o, "a DVS128 address (bits 15-31 clear)", String.format("0x%08x", addr));
            }
            long ts = ((buf[o + 4] & 0xFFL) << 24) | ((buf[o + 5] & 0xFF) << 16) | ((buf[o + 6] & 0xFF) << 8) | (buf[o + 7] & 0xFF);
            // 32-bit jAER timestamps wrap after ~71.6 minutes: keep them increasing
            if (lastT != Long.MIN_VALUE && ts + wrap < lastT - (1L << 31)) {
                wrap += 1L << 32;
            }
            ts += wrap;
            lastT = ts;
            p[i] = (byte) (1 - (addr & 1));
            x[i] = 127 - ((addr >>> 1) & 0x7F);
            y[i] = (addr >>> 8) & 0x7F;
            t[i] = ts;
        }
        return new EventBatch(t, x, y, p, m);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
