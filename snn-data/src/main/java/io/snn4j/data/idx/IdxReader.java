package io.snn4j.data.idx;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.io.CheckedInput;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of IDX files (LeCun et al., MNIST; also Fashion-MNIST), gzipped or raw: big-endian magic
 * 0x00000803 (images: count, rows, cols) or 0x00000801 (labels: count), then unsigned bytes.
 */
public final class IdxReader {
    /** IDX magic of unsigned-byte 3-D arrays (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** IDX magic of unsigned-byte 1-D arrays (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int MAX_DIM = 1 << 16;
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    /** Images as count x rows x cols unsigned bytes, row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private IdxReader() {
    }

    /** Opens a file, transparently gunzipping when it starts with the gzip magic 0x1f8b. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return maybeGunzip(raw, file.toString());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Wraps a stream with a gunzipper when it starts with the gzip magic. */
    public static InputStream maybeGunzip(InputStream raw) throws IOException {
        return maybeGunzip(raw, "<stream>");
    }

    /**
     * Wraps a stream with a gunzipper when it starts with the gzip magic; a truncated or corrupt
     * gzip header is a {@link CorruptDataException} naming {@code source}.
     */
    public static InputStream maybeGunzip(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (EOFException | ZipException e) {
                throw new CorruptDataException(source, 0, "a complete gzip header", "truncated or corrupt gzip data ("
                        + e.getMessage() + ")", e);
            }
        }
        return in;
    }

    /** Reads an image file. */
    public static Images readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString());
        }
    }

    /** Reads an images IDX stream (already gunzipped); {@code source} names it in errors. */
    public static Images readImages(InputStream stream, String source) throws IOException {
        CheckedInput in = new CheckedInput(stream, source);
        int magic = in.readInt32BE("the IDX magic");
        if (magic != IMAGES_MAGIC) {
            throw in.corrupt(0, "IDX images magic 0x00000803", String.format("0x%08x", magic));
        }
        int count = in.readInt32BE("the image count");
        int rows = in.readInt32BE("the row count");
        int cols = in.readInt32BE("the column count");
        if (count < 0 || rows <= 0 || cols <= 0 || rows > MAX_DIM || cols > MAX_DIM || (long) count * rows * cols > MAX_BYTES) {
            throw in.corrupt(4, "image dimensions count >= 0, 0 < rows, cols <= " + MAX_DIM + " fitting in memory",
                    count + " x " + rows + " x " + cols);
        }
        // readBytes grows with the bytes present: a count the file does not hold is reported, not allocated
        byte[] pixels = in.readBytes(count * rows * cols, count + " images of " + rows + "x" + cols + " bytes");
        if (!in.atEof()) {
            throw in.corrupt(in.position(), "end of file after " + count + " images", "extra bytes");
        }
        return new Images(count, rows, cols, pixels);
    }

    /** Reads a label file. */
    public static byte[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        }
    }

    /** Reads a labels IDX stream (already gunzipped) as unsigned bytes. */
    public static byte[] readLabels(InputStream stream, String source) throws IOException {
        CheckedInput in = new CheckedInput(stream, source);
        int magic = in.readInt32BE("the IDX magic");
        if (magic != LABELS_MAGIC) {
            throw in.corrupt(0, "IDX labels magic 0x00000801", String.format("0x%08x", magic));
        }
        int count = in.readInt32BE("the label count");
        if (count < 0) {
            throw in.corrupt(4, "a label count >= 0", String.valueOf(count));
        }
        byte[] labels = in.readBytes(count, count + " labels");
        if (!in.atEof()) {
            throw in.corrupt(in.position(), "end of file after " + count + " labels", "extra bytes");
        }
        return labels;
    }
}
