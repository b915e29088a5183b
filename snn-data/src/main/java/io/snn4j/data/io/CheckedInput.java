package io.snn4j.data.io;

import io.snn4j.data.CorruptDataException;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Buffered, position-tracking binary input that turns every premature end of file into a
 * {@link CorruptDataException} naming the source, the byte offset and what was expected.
 */
public final class CheckedInput implements Closeable {
    private final BufferedInputStream in;
    private final String source;
    private final byte[] scratch = new byte[8];
    private long position;

    /**
     * Wraps {@code in} (buffered with 64 KiB); {@code source} names the file in error messages. A
     * truncated or corrupt compressed stream underneath (a gzip {@link EOFException} or
     * {@link ZipException}) is reported as a {@link CorruptDataException} naming the source and
     * the offset in the decompressed data where it broke off.
     */
    public CheckedInput(InputStream in, String source) {
        this.in = new BufferedInputStream(new CompressedErrors(in, source), 1 << 16);
        this.source = source;
    }

    /** Counts the bytes delivered and turns decompression errors into {@link CorruptDataException}. */
    private static final class CompressedErrors extends FilterInputStream {
        private final String source;
        private long delivered;

        CompressedErrors(InputStream in, String source) {
            super(in);
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                delivered += b < 0 ? 0 : 1;
                return b;
            } catch (EOFException | ZipException e) {
                throw broken(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                delivered += Math.max(n, 0);
                return n;
            } catch (EOFException | ZipException e) {
                throw broken(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                long s = super.skip(n);
                delivered += Math.max(s, 0);
                return s;
            } catch (EOFException | ZipException e) {
                throw broken(e);
            }
        }

        private CorruptDataException broken(IOException e) {
            return new CorruptDataException(source, delivered, "a complete compressed stream (offset in the decompressed data)",
                    "truncated or corrupt compressed data (" + e.getMessage() + ")", e);
        }
    }

    /** The file path or resource name used in messages. */
    public String source() {
        return source;
    }

    /** Bytes consumed so far. */
    public long position() {
        return position;
    }

    /** Builds a {@link CorruptDataException} at the given offset. */
    public CorruptDataException corrupt(long offset, String expected, String found) {
        return new CorruptDataException(source, offset, expected, found);
    }

    /** True when no byte is left. */
    public boolean atEof() throws IOException {
        in.mark(1);
        int b = in.read();
        in.reset();
        return b < 0;
    }

    /** The next byte without consuming it, or -1 at end of file. */
    public int peek() throws IOException {
        in.mark(1);
        int b = in.read();
        in.reset();
        return b;
    }

    /** Reads up to {@code len} bytes, fewer only at end of file; returns the count (0 at end of file). */
    public int readUpTo(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        position += n;
        return n;
    }

    /** Reads exactly {@code len} bytes or throws naming {@code what}. */
    public void readFully(byte[] b, int off, int len, String what) throws IOException {
        long start = position;
        int n = readUpTo(b, off, len);
        if (n < len) {
            throw corrupt(start, what + " (" + len + " bytes)", "end of file after " + n + " bytes");
        }
    }

    /**
     * Reads exactly {@code len} bytes into a new array. The array grows as bytes arrive, so a size
     * declared by a header but not present in the file costs at most twice the bytes that are
     * present before the short read is reported, never {@code len} up front.
     */
    public byte[] readBytes(int len, String what) throws IOException {
        byte[] b = readGrowing(new byte[0], len, what);
        return b.length == len ? b : Arrays.copyOf(b, len);
    }

    /**
     * Reads exactly {@code len} bytes into {@code buf[0, len)}, returning {@code buf} when it is
     * large enough, otherwise a larger array that holds them. A larger array is grown step by step
     * (doubling, from {@value #FIRST_CHUNK} bytes) as the bytes arrive: a declared length that the
     * file does not hold fails with a {@link CorruptDataException} after allocating at most about
     * twice the bytes present.
     */
    public byte[] readGrowing(byte[] buf, int len, String what) throws IOException {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        if (buf.length >= len) {
            readFully(buf, 0, len, what);
            return buf;
        }
        long start = position;
        byte[] b = buf;
        int n = 0;
        while (n < len) {
            if (n == b.length) {
                int cap = (int) Math.min(len, Math.max(FIRST_CHUNK, 2L * b.length));
                b = Arrays.copyOf(b, cap);
            }
            int r = readUpTo(b, n, b.length - n);
            n += r;
            if (n < b.length) {
                throw corrupt(start, what + " (" + len + " bytes)", "end of file after " + n + " bytes");
            }
        }
        return b;
    }

    private static final int FIRST_CHUNK = 1 << 16;

    /** Skips exactly {@code n} bytes or throws naming {@code what}. */
    public void skipFully(long n, String what) throws IOException {
        long start = position;
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw corrupt(start, what + " (" + n + " bytes)", "end of file after " + (n - left) + " bytes");
                }
                s = 1;
            }
            left -= s;
            position += s;
        }
    }

    /** Unsigned byte. */
    public int readU8(String what) throws IOException {
        readFully(scratch, 0, 1, what);
        return scratch[0] & 0xFF;
    }

    /** Big-endian 32-bit integer. */
    public int readInt32BE(String what) throws IOException {
        readFully(scratch, 0, 4, what);
        return ((scratch[0] & 0xFF) << 24) | ((scratch[1] & 0xFF) << 16) | ((scratch[2] & 0xFF) << 8) | (scratch[3] & 0xFF);
    }

    /** Little-endian 32-bit integer. */
    public int readInt32LE(String what) throws IOException {
        readFully(scratch, 0, 4, what);
        return Bytes.int32LE(scratch, 0);
    }

    /**
     * Reads one ASCII line up to and including '\n' (at most {@code maxLen} bytes); returns it
     * without the line terminator ("\r\n" or "\n"), or null at end of file.
     */
    public String readLine(int maxLen, String what) throws IOException {
        long start = position;
        StringBuilder sb = new StringBuilder();
        int b;
        int n = 0;
        while ((b = in.read()) >= 0) {
            position++;
            n++;
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (n > maxLen) {
                throw corrupt(start, what + " (a line of at most " + maxLen + " bytes)", "a longer line");
            }
            sb.append((char) b);
        }
        if (n == 0) {
            return null;
        }
        throw corrupt(start, what + " terminated by a newline", "end of file after " + n + " bytes");
    }

    /** Decodes {@code b} as US-ASCII for messages. */
    public static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
