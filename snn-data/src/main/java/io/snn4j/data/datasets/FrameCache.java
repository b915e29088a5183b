package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * On-disk cache of integrated frames, one file per sample under {@code dir/<FrameConfig.cacheKey()>/}
 * (the directory holds every frame option: T, split method, resize size and mode).
 *
 * <p>A sample is identified by its key (the recording's path relative to the dataset root, plus its
 * time slice where it has one) and the {@link Fingerprint} of its source recording (size,
 * modification time and the file system's file key, e.g. device and inode). The file name escapes
 * the key losslessly ({@link #fileName(String)}), and the file stores the key and fingerprint again:
 * an entry whose key or fingerprint differs from the requested one (a changed, replaced or renamed
 * recording, or a name that only a case-insensitive file system or a truncated long name made
 * equal) is a miss, never another recording's frames.
 *
 * <p>File format version 2 (little-endian): magic "SNNF", int32 version, int32 T, C, H, W, int32
 * label, int32 n, n bytes of the key (UTF-8), int64 source size, int64 source modification time
 * (ns), int32 m, m bytes of the source file key (UTF-8), T·C·H·W float32 values (row-major), int32
 * CRC-32 of every preceding byte. Files are written to a temp file and atomically renamed; reading
 * validates magic, shape, lengths and CRC. Files of another version are misses (rewritten).
 */
public final class FrameCache {
    /** Magic bytes at the start of every cache file. */
    public static final int MAGIC = 0x464E4E53; // "SNNF" read little-endian
    /** Current format version. */
    public static final int VERSION = 2;
    private static final int FIXED_HEADER = 28;
    private static final int MAX_KEY_BYTES = 1 << 16;
    /** Longest escaped key kept whole in a file name (file systems allow 255 bytes). */
    private static final int MAX_NAME = 180;

    private final Path dir;

    /** A cache rooted at {@code root} for frames made with {@code config}. */
    public FrameCache(Path root, FrameConfig config) {
        this.dir = root.resolve(config.cacheKey());
    }

    /** The directory holding this configuration's files. */
    public Path directory() {
        return dir;
    }

    /**
     * What identifies the content of a source recording without reading it: its size, its
     * modification time in nanoseconds and the file system's file key ("" where there is none).
     */
    public record Fingerprint(long size, long modifiedNanos, String fileKey) {
        public Fingerprint {
            java.util.Objects.requireNonNull(fileKey, "fileKey");
        }

        /** The fingerprint of {@code file} now. */
        public static Fingerprint of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = a.fileKey();
            return new Fingerprint(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), key == null ? "" : key.toString());
        }
    }

    /** Cache file of a sample key. */
    public Path fileFor(String sampleKey) {
        return dir.resolve(fileName(sampleKey));
    }

    /**
     * The file name of a sample key: every UTF-8 byte outside {@code [A-Za-z0-9._-]} (including '%'
     * and '/') as {@code %XX}, so distinct keys get distinct names ("a b" is "a%20b", "a_b" stays);
     * an escaped key longer than 180 characters is cut and suffixed with its SHA-256 (the key stored
     * in the file still tells entries apart), then ".frames".
     */
    public static String fileName(String sampleKey) {
        StringBuilder sb = new StringBuilder();
        for (byte b : sampleKey.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        if (sb.length() > MAX_NAME) {
            String hash = HexFormat.of().formatHex(sha256(sampleKey.getBytes(StandardCharsets.UTF_8)));
            sb.setLength(MAX_NAME - 65);
            sb.append('~').append(hash);
        }
        return sb.append(".frames").toString();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** A cached sample: frames [T, C, H, W] flattened, and its label. */
    public record Entry(float[] data, int label) {
    }

    /**
     * Reads the entry of {@code sampleKey}; null when there is none, when it was made from a source
     * with another fingerprint, or under another key, or by another format version (a miss: the
     * caller recomputes and {@link #write}s it).
     *
     * @throws CorruptDataException when the file is not a valid cache file of the expected shape
     */
    public Entry read(String sampleKey, Fingerprint source, int[] expectedShape) throws IOException {
        Path f = fileFor(sampleKey);
        if (!Files.exists(f)) {
            return null;
        }
        byte[] all = Files.readAllBytes(f);
        String src = f.toString();
        if (all.length < FIXED_HEADER + 4) {
            throw new CorruptDataException(src, 0, "a frame-cache header of " + FIXED_HEADER + " bytes", all.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC) {
            throw new CorruptDataException(src, 0, "frame-cache magic \"SNNF\"", String.format("0x%08x", magic));
        }
        int version = b.getInt(4);
        if (version != VERSION) {
            return null; // written by another version of this library: recompute
        }
        int[] shape = {b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20)};
        if (!Arrays.equals(shape, expectedShape)) {
            throw new CorruptDataException(src, 8, "shape " + Arrays.toString(expectedShape), Arrays.toString(shape));
        }
        int label = b.getInt(24);
        b.position(FIXED_HEADER);
        String key = string(b, src);
        long size = need(b, 16, src, "the source size and time").getLong();
        long modified = b.getLong();
        String fileKey = string(b, src);
        int dataStart = b.position();
        long n = (long) shape[0] * shape[1] * shape[2] * shape[3];
        long expectedLen = dataStart + 4 * n + 4;
        if (all.length != expectedLen) {
            throw new CorruptDataException(src, Math.min(all.length, expectedLen), "file length " + expectedLen, all.length + " bytes");
        }
        int crcAt = (int) (expectedLen - 4);
        CRC32 crc = new CRC32();
        crc.update(all, 0, crcAt);
        int stored = b.getInt(crcAt);
        if ((int) crc.getValue() != stored) {
            throw new CorruptDataException(src, crcAt, String.format("CRC-32 0x%08x", (int) crc.getValue()),
                    String.format("0x%08x", stored));
        }
        if (!key.equals(sampleKey) || !new Fingerprint(size, modified, fileKey).equals(source)) {
            return null; // another sample's entry under the same name, or a changed source: recompute
        }
        float[] data = new float[(int) n];
        b.position(dataStart);
        b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new Entry(data, label);
    }

    private static ByteBuffer need(ByteBuffer b, int bytes, String src, String what) {
        if (b.remaining() < bytes) {
            throw new CorruptDataException(src, b.position(), what + " (" + bytes + " bytes)", b.remaining() + " bytes before end of file");
        }
        return b;
    }

    private static String string(ByteBuffer b, String src) {
        int at = b.position();
        int len = need(b, 4, src, "a key length").getInt();
        if (len < 0 || len > MAX_KEY_BYTES) {
            throw new CorruptDataException(src, at, "a key length in 0.." + MAX_KEY_BYTES, String.valueOf(len));
        }
        byte[] s = new byte[len];
        need(b, len, src, "a key").get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** Writes the entry of {@code sampleKey}, made from a source with fingerprint {@code source}, atomically (temp file + rename). */
    public void write(String sampleKey, Fingerprint source, int[] shape, float[] data, int label) throws IOException {
        if (shape.length != 4 || (long) shape[0] * shape[1] * shape[2] * shape[3] != data.length) {
            throw new IllegalArgumentException("shape does not match data length");
        }
        byte[] key = sampleKey.getBytes(StandardCharsets.UTF_8);
        byte[] fileKey = source.fileKey().getBytes(StandardCharsets.UTF_8);
        if (key.length > MAX_KEY_BYTES || fileKey.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("sample key longer than " + MAX_KEY_BYTES + " bytes");
        }
        Files.createDirectories(dir);
        Path target = fileFor(sampleKey);
        Path tmp = Files.createTempFile(dir, ".frames-", ".tmp");
        try {
            ByteBuffer head = ByteBuffer.allocate(FIXED_HEADER + 4 + key.length + 16 + 4 + fileKey.length).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(MAGIC).putInt(VERSION).putInt(shape[0]).putInt(shape[1]).putInt(shape[2]).putInt(shape[3]).putInt(label);
            head.putInt(key.length).put(key).putLong(source.size()).putLong(source.modifiedNanos()).putInt(fileKey.length).put(fileKey);
            ByteBuffer body = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
            body.asFloatBuffer().put(data);
            CRC32 crc = new CRC32();
            crc.update(head.array());
            crc.update(body.array());
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
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
