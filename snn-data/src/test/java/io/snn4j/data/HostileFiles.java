package io.snn4j.data;

import io.snn4j.data.events.EventReader;
import io.snn4j.data.events.EventReaders;
import io.snn4j.data.idx.IdxReader;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Test helper: writes files whose headers or compressed blocks claim far more memory than the file
 * holds (the decompression bombs and oversized declarations), and reads any of them fully.
 */
public final class HostileFiles {
    private HostileFiles() {
    }

    /** Kind of hostile file, by the reader that must reject it. */
    public enum Kind {
        AEDAT4_LZ4_BOMB, AEDAT4_HUGE_PACKET, AEDAT31_HUGE_PACKET, IDX_HUGE_LABEL_COUNT, IDX_HUGE_IMAGES, IDX_TRUNCATED_GZ
    }

    /** Writes every kind into {@code dir}; returns the files by kind. */
    public static Map<Kind, Path> writeAll(Path dir) throws IOException {
        Map<Kind, Path> out = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            out.put(k, write(k, dir));
        }
        return out;
    }

    /** Writes one hostile file of {@code kind} into {@code dir}. */
    public static Path write(Kind kind, Path dir) throws IOException {
        return switch (kind) {
            case AEDAT4_LZ4_BOMB -> Files.write(dir.resolve("bomb.aedat4"), concat(aedat4Header(), aedat4Packet(0, lz4Bomb(64))));
            case AEDAT4_HUGE_PACKET -> Files.write(dir.resolve("huge-packet.aedat4"), concat(aedat4Header(),
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(1 << 28).array(), new byte[2048]));
            case AEDAT31_HUGE_PACKET -> {
                ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
                h.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(0).putInt(1 << 25).putInt(1 << 25).putInt(1 << 25);
                byte[] header = "#!AER-DAT3.1\r\n#Format: RAW\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII);
                yield Files.write(dir.resolve("huge-packet.aedat"), concat(header, h.array(), new byte[2048]));
            }
            case IDX_HUGE_LABEL_COUNT -> Files.write(dir.resolve("train-labels-idx1-ubyte"), concat(
                    ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(Integer.MAX_VALUE).array(), new byte[1 << 20]));
            case IDX_HUGE_IMAGES -> Files.write(dir.resolve("train-images-idx3-ubyte"), concat(
                    ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(2_700_000).putInt(28).putInt(28).array(),
                    new byte[1_500_000]));
            case IDX_TRUNCATED_GZ -> {
                ByteBuffer b = ByteBuffer.allocate(16 + 100 * 784).putInt(IdxReader.IMAGES_MAGIC).putInt(100).putInt(28).putInt(28);
                for (int i = 16; i < b.capacity(); i++) {
                    b.put(i, (byte) (i * 31));
                }
                byte[] gz = gzip(b.array());
                yield Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
            }
        };
    }

    /** Reads the whole file with the reader of its kind (events are drained, IDX arrays loaded). */
    public static void readFully(Kind kind, Path file) throws IOException {
        switch (kind) {
            case AEDAT4_LZ4_BOMB, AEDAT4_HUGE_PACKET, AEDAT31_HUGE_PACKET -> {
                try (EventReader r = EventReaders.open(file)) {
                    r.readAll();
                }
            }
            case IDX_HUGE_LABEL_COUNT -> IdxReader.readLabels(file);
            case IDX_HUGE_IMAGES, IDX_TRUNCATED_GZ -> IdxReader.readImages(file);
        }
    }

    /** The IOHeader of the real DVXplorer sample with its dataTablePosition set to -1 (none). */
    static byte[] aedat4Header() throws IOException {
        byte[] all;
        try (InputStream in = HostileFiles.class.getResourceAsStream("/dvxplorer-sample.aedat4")) {
            all = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = b.getInt(14);
        int root = 18 + b.getInt(18);
        int vtable = root - b.getInt(root);
        int field1 = b.getShort(vtable + 6);
        b.putLong(root + field1, -1L);
        return Arrays.copyOf(all, 18 + headerLen);
    }

    static byte[] aedat4Packet(int stream, byte[] body) {
        return concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(stream).putInt(body.length).array(), body);
    }

    /**
     * An LZ4 frame of {@code blocks} independent 4 MiB blocks of zeros: about 16 KiB per block on
     * disk, so 64 blocks are 1 MiB decoding to 256 MiB.
     */
    public static byte[] lz4Bomb(int blocks) {
        byte[] block = LZ4Factory.fastestInstance().fastCompressor().compress(new byte[4 << 20]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte flg = 0x60; // version 01, independent blocks, no checksums, no content size
        byte bd = 0x70; // 4 MiB blocks
        int hc = (XXHashFactory.fastestInstance().hash32().hash(new byte[] {flg, bd}, 0, 2, 0) >>> 8) & 0xFF;
        out.writeBytes(ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN).putInt(0x184D2204).put(flg).put(bd).put((byte) hc).array());
        byte[] size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(block.length).array();
        for (int i = 0; i < blocks; i++) {
            out.writeBytes(size);
            out.writeBytes(block);
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(b);
        }
        return bo.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * Run in a JVM with a small heap: reads every hostile file written to {@code args[0]} and prints
     * one line per kind, {@code KIND CorruptDataException <message>} or what else happened.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (Map.Entry<Kind, Path> e : writeAll(dir).entrySet()) {
            long t0 = System.nanoTime();
            String result;
            try {
                readFully(e.getKey(), e.getValue());
                result = "ACCEPTED";
            } catch (CorruptDataException ex) {
                result = "CorruptDataException " + ex.getMessage();
            } catch (OutOfMemoryError ex) {
                result = "OutOfMemoryError " + ex.getMessage();
            } catch (Throwable ex) {
                result = ex.getClass().getName() + " " + ex.getMessage();
            }
            System.out.println(e.getKey() + " " + (System.nanoTime() - t0) / 1_000_000 + "ms " + result);
        }
    }
}
