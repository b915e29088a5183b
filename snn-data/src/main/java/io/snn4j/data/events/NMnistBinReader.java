package io.snn4j.data.events;

import io.snn4j.data.io.CheckedInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streaming reader of the headerless ATIS .bin format of N-MNIST / N-Caltech101 (Orchard et al.
 * 2015): 5 bytes per event, x, y, then polarity in bit 7 of byte 2 (1 = ON) and a 23-bit
 * big-endian timestamp in µs. Records with y = 240 are timestamp-overflow markers, not events: they
 * are skipped and counted ({@link #overflowMarkers()}) like SpikingJelly's loader (which, unlike
 * Orchard's MATLAB reader, does not add 2^13 µs to the later timestamps either).
 */
public final class NMnistBinReader extends FixedRecordReader {
    /** N-MNIST sensor crop: 34 x 34. */
    public static final int NMNIST_SIZE = 34;
    /** N-Caltech101 resolution used by SpikingJelly: 240 wide, 180 high. */
    public static final int NCALTECH_WIDTH = 240;
    /** N-Caltech101 height. */
    public static final int NCALTECH_HEIGHT = 180;

    /**
     * y of the records that mark a timestamp overflow rather than an event (Orchard's
     * Read_Ndataset.m); they are skipped and counted, as SpikingJelly does.
     */
    public static final int OVERFLOW_MARKER_Y = 240;
    private static final int RECORD = 5;

    private long overflowMarkers;

    /** Opens a file whose coordinates must lie within width x height. */
    public NMnistBinReader(Path file, int width, int height) throws IOException {
        this(Files.newInputStream(file), file.toString(), width, height);
    }

    /** Reads from a stream; {@code source} names it in error messages. */
    public NMnistBinReader(InputStream in, String source, int width, int height) {
        super(checkedInput(in, source, width, height), EventFormat.NMNIST_BIN, width, height, RECORD,
                "a complete 5-byte event record");
    }

    /** Rejects a resolution outside 1..256 before the stream is wrapped. */
    private static CheckedInput checkedInput(InputStream in, String source, int width, int height) {
        if (width <= 0 || height <= 0 || width > 256 || height > 256) {
            throw new IllegalArgumentException("resolution must be in 1..256: " + width + "x" + height);
        }
        return new CheckedInput(in, source);
    }

    /** An N-MNIST recording (34 x 34). */
    public static NMnistBinReader nmnist(Path file) throws IOException {
        return new NMnistBinReader(file, NMNIST_SIZE, NMNIST_SIZE);
    }

    /** An N-Caltech101 recording (240 x 180). */
    public static NMnistBinReader ncaltech101(Path file) throws IOException {
        return new NMnistBinReader(file, NCALTECH_WIDTH, NCALTECH_HEIGHT);
    }

    /** Records skipped so far because they were timestamp-overflow markers (y = 240). */
    public long overflowMarkers() {
        return overflowMarkers;
    }

    @Override
    boolean decode(byte[] b, int o, long offset, int i, long[] t, int[] x, int[] y, byte[] p) {
        int xi = b[o] & 0xFF;
        int yi = b[o + 1] & 0xFF;
        if (yi == OVERFLOW_MARKER_Y) {
            overflowMarkers++;
            return false;
        }
        requireOnSensor(offset, xi, yi);
        int b2 = b[o + 2] & 0xFF;
        x[i] = xi;
        y[i] = yi;
        p[i] = (byte) (b2 >>> 7);
        t[i] = ((long) (b2 & 0x7F) << 16) | ((b[o + 3] & 0xFF) << 8) | (b[o + 4] & 0xFF);
        return true;
    }
}
