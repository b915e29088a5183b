package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * On-disk cache of integrated frames, one file per sample under {@code dir/<FrameConfig.cacheKey()>/}.
 * File format (little-endian): magic "SNNF", int32 version (1), int32 T, C, H, W, int32 label,
 * T·C·H·W float32 values (row-major), int32 CRC-32 of the float bytes. Files are written to a temp
 * file and atomically renamed; reading validates magic, version, expected shape, length and CRC.
 */
public final class FrameCache {
    /** Magic bytes at the start of every cache file. */
    public static final int MAGIC = 0x464E4E53; // "SNNF" read little-endian
    /** Current format version. */
    public static final int VERSION = 1;
    private static final int HEADER = 28;

    private final Path dir;

    /** A cache rooted at {@code root} for frames made with {@code config}. */
    public FrameCache(Path root, FrameConfig config) {
        this.dir = root.resolve(config.cacheKey());
    }

    /** The directory holding this configuration's files. */
    public Path directory() {
        return dir;
    }

    /** Cache file of a sample key (a relative, file-name-safe string). */
    public Path fileFor(String sampleKey) {
        return dir.resolve(sampleKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".frames");
    }

    /** A cached sample: frames [T, C, H, W] flattened, and its label. */
    public record Entry(float[] data, int label) {
    }

    /**
     * Reads a cache file, or returns null when it does not exist.
     *
     * @throws CorruptDataException when the file is not a valid cache file of the expected shape
     */
    public Entry read(String sampleKey, int[] expectedShape) throws IOException {
        Path f = fileFor(sampleKey);
        if (!Files.exists(f)) {
            return null;
        }
        byte[] all = Files.readAllBytes(f);
        String src = f.toString();
        if (all.length < HEADER + 4) {
            throw new CorruptDataException(src, 0, "a frame-cache header of " + HEADER + " bytes", all.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC) {
            throw new CorruptDataException(src, 0, "frame-cache magic \"SNNF\"", String.format("0x%08x", magic));
        }
        int version = b.getInt(4);
        if (version != VERSION) {
            throw new CorruptDataException(src, 4, "frame-cache version " + VERSION, String.valueOf(version));
        }
        int[] shape = {b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20)};
        if (!java.util.Arrays.equals(shape, expectedShape)) {
            throw new CorruptDataException(src, 8, "shape " + java.util.Arrays.toString(expectedShape),
                    java.util.Arrays.toString(shape));
        }
        int label = b.getInt(24);
        long n = (long) shape[0] * shape[1] * shape[2] * shape[3];
        long expectedLen = HEADER + 4 * n + 4;
        if (all.length != expectedLen) {
            throw new CorruptDataException(src, Math.min(all.length, expectedLen), "file length " + expectedLen,
                    all.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(all, HEADER, (int) (4 * n));
        int stored = b.getInt(HEADER + (int) (4 * n));
        if ((int) crc.getValue() != stored) {
            throw new CorruptDataException(src, HEADER + 4 * n, String.format("CRC-32 0x%08x", (int) crc.getValue()),
                    String.format("0x%08x", stored));
        }
        float[] data = new float[(int) n];
        b.position(HEADER);
        b.asFloatBuffer().get(data);
        return new Entry(data, label);
    }

    /** Writes a cache file atomically (temp file + rename). */
    public void write(String sampleKey, int[] shape, float[] data, int label) throws IOException {
        if (shape.length != 4 || (long) shape[0] * shape[1] * shape[2] * shape[3] != data.length) {
            throw new IllegalArgumentException("shape does not match data length");
        }
        Files.createDirectories(dir);
        Path target = fileFor(sampleKey);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            ByteBuffer body = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
            body.asFloatBuffer().put(data);
            CRC32 crc = new CRC32();
            crc.update(body.array());
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(MAGIC).putInt(VERSION).putInt(shape[0]).putInt(shape[1]).putInt(shape[2]).putInt(shape[3]).putInt(label);
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
            try (OutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.write(head.array());
                out.write(body.array());
                out.write(tail.array());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
