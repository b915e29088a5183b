package io.snn4j.data.events;

import io.snn4j.data.io.Bytes;
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
public final class Aedat2Reader extends FixedRecordReader {
    /** DVS128 resolution. */
    public static final int SIZE = 128;
    private static final int RECORD = 8;

    private long lastT = Long.MIN_VALUE;
    private long wrap;

    /** Opens a file and reads its header. */
    public Aedat2Reader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString());
    }

    /** Reads from a stream; {@code source} names it in error messages. */
    public Aedat2Reader(InputStream stream, String source) throws IOException {
        super(new CheckedInput(stream, source), EventFormat.AEDAT2, SIZE, SIZE, RECORD,
                "a complete 8-byte event record (uint32 address, uint32 timestamp)");
        readHeaderOrClose(this::readHeader);
    }

    private void readHeader() throws IOException {
        requireMagicLine("#!AER-DAT2.", "#!AER-DAT2.0", "the AEDAT 2.0 magic line");
        while (in.peek() == '#') {
            in.readLine(1 << 16, "an AEDAT 2.0 '#' header line");
        }
    }

    @Override
    boolean decode(byte[] b, int o, long offset, int i, long[] t, int[] x, int[] y, byte[] p) {
        int addr = Bytes.int32BE(b, o);
        if ((addr & 0xFFFF8000) != 0) {
            throw in.corrupt(offset, "a DVS128 address (bits 15-31 clear)", String.format("0x%08x", addr));
        }
        long ts = Bytes.int32BE(b, o + 4) & 0xFFFFFFFFL;
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
        return true;
    }
}
