package io.snn4j.data.events;

import io.snn4j.data.io.CheckedInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streaming reader of the headerless ATIS .bin format of N-MNIST / N-Caltech101 (Orchard et al.
 * 2015): 5 bytes per event, x, y, then polarity in bit 7 of byte 2 (1 = ON) and a 23-bit
 * big-endian timestamp in µs.
 */
public final class NMnistBinReader implements EventReader {
    /** N-MNIST sensor crop: 34 x 34. */
    public static final int NMNIST_SIZE = 34;
    /** N-Caltech101 resolution used by SpikingJelly: 240 wide, 180 high. */
    public static final int NCALTECH_WIDTH = 240;
    /** N-Caltech101 height. */
    public static final int NCALTECH_HEIGHT = 180;

    private static final int RECORD = 5;
    private static final int CHUNK_EVENTS = 16384;

    private final CheckedInput in;
    private final int width;
    private final int height;
    private final byte[] buf = new byte[RECORD * CHUNK_EVENTS];

    /** Opens a file whose coordinates must lie within width x height. */
    public NMnistBinReader(Path file, int width, int height) throws IOException {
        this(Files.newInputStream(file), file.toString(), width, height);
    }

    /** Reads from a stream; {@code source} names it in error messages. */
    public NMnistBinReader(InputStream in, String source, int width, int height) {
        if (width <= 0 || height <= 0 || width > 256 || height > 256) {
            throw new IllegalArgumentException("resolution must be in 1..256: " + width + "x" + height);
        }
        this.in = new CheckedInput(in, source);
        this.width = width;
        this.height = height;
    }

    /** An N-MNIST recording (34 x 34). */
    public static NMnistBinReader nmnist(Path file) throws IOException {
        return new NMnistBinReader(file, NMNIST_SIZE, NMNIST_SIZE);
    }

    /** An N-Caltech101 recording (240 x 180). */
    public static NMnistBinReader ncaltech101(Path file) throws IOException {
        return new NMnistBinReader(file, NCALTECH_WIDTH, NCALTECH_HEIGHT);
    }

    @Override
    public EventFormat format() {
        return EventFormat.NMNIST_BIN;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
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
            throw in.corrupt(recordStart, "a complete 5-byte event record", (n % RECORD) + " bytes before end of file");
        }
        int m = n / RECORD;
        long[] t = new long[m];
        int[] x = new int[m];
        int[] y = new int[m];
        byte[] p = new byte[m];
        for (int i = 0, o = 0; i < m; i++, o += RECORD) {
            int xi = buf[o] & 0xFF;
            int yi = buf[o + 1] & 0xFF;
            if (xi >= width || yi >= height) {
                throw in.corrupt(start + o, "x < " + width + " and y < " + height, "x=" + xi + ", y=" + yi);
            }
            int b2 = buf[o + 2] & 0xFF;
            x[i] = xi;
            y[i] = yi;
            p[i] = (byte) (b2 >>> 7);
            t[i] = ((long) (b2 & 0x7F) << 16) | ((buf[o + 3] & 0xFF) << 8) | (buf[o + 4] & 0xFF);
        }
        return new EventBatch(t, x, y, p, m);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
