package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class Lz4FrameDecoderTest {
    @TempDir
    Path dir;

    /** The fixture was made with the lz4 CLI ({@code lz4 -BD -B4}): 4 dependent 64 KiB blocks + content checksum. */
    private static byte[] expectedPlain() {
        byte[] chunk = new byte[8192];
        long x = 12345;
        for (int i = 0; i < chunk.length; i++) {
            x = (x * 1103515245L + 12345L) & 0x7fffffffL;
            chunk[i] = (byte) (x >> 16);
        }
        byte[] out = new byte[chunk.length * 25];
        for (int k = 0; k < 25; k++) {
            System.arraycopy(chunk, 0, out, k * chunk.length, chunk.length);
        }
        return out;
    }

    @Test
    void decodesFrameWithDependentBlocks() throws Exception {
        byte[] frame = Files.readAllBytes(TestFiles.resource("lz4-dependent-blocks.lz4", dir));
        assertEquals(0, frame[4] & 0x20, "fixture must declare dependent blocks");
        Lz4FrameDecoder.Decoded d = new Lz4FrameDecoder().decode(frame, 0, frame.length, "fixture", 0);
        byte[] expected = expectedPlain();
        assertEquals(expected.length, d.length());
        assertArrayEquals(expected, java.util.Arrays.copyOf(d.data(), d.length()));
        assertEquals(frame.length, d.frameBytes());
    }

    @Test
    void contentChecksumMismatchIsReported() throws Exception {
        byte[] frame = Files.readAllBytes(TestFiles.resource("lz4-dependent-blocks.lz4", dir));
        frame[frame.length - 1] ^= 0x55;
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> new Lz4FrameDecoder().decode(frame, 0, frame.length, "fixture", 100));
        assertEquals(100 + frame.length - 4, e.offset());
        assertTrue(e.getMessage().contains("content checksum"), e.getMessage());
    }

    @Test
    void headerChecksumMismatchIsReported() throws Exception {
        byte[] frame = Files.readAllBytes(TestFiles.resource("lz4-dependent-blocks.lz4", dir));
        frame[6] ^= 1;
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> new Lz4FrameDecoder().decode(frame, 0, frame.length, "fixture", 0));
        assertEquals(6, e.offset());
    }

    @Test
    void decodingStopsAtTheCapForDependentAndIndependentFrames() throws Exception {
        byte[] frame = Files.readAllBytes(TestFiles.resource("lz4-dependent-blocks.lz4", dir));
        int plain = expectedPlain().length;
        Lz4FrameDecoder d = new Lz4FrameDecoder();
        assertEquals(plain, d.decode(frame, 0, frame.length, plain, "fixture", 100).length(), "exactly the cap is fine");
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> d.decode(frame, 0, frame.length, plain - 1, "fixture", 100));
        assertTrue(e.getMessage().contains("decoding to at most " + (plain - 1)), e.getMessage());
        assertTrue(e.offset() > 100 && e.offset() < 100 + frame.length, e.getMessage());

        byte[] bomb = io.snn4j.data.HostileFiles.lz4Bomb(3); // 3 independent 4 MiB blocks of zeros
        CorruptDataException b = assertThrows(CorruptDataException.class,
                () -> d.decode(bomb, 0, bomb.length, 5 << 20, "bomb", 0));
        long secondBlockWord = 7 + (bomb.length - 7 - 4) / 3; // header, then (size word + block) per block
        assertEquals(secondBlockWord, b.offset(), "rejected at the block that crosses the cap");
    }

    @Test
    void aDeclaredContentSizeAboveTheCapIsRejectedBeforeDecoding() {
        // FLG: version 01, independent blocks, content size present; BD: 64 KiB blocks
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 2 + 8 + 1 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(Lz4FrameDecoder.MAGIC).put((byte) 0x68).put((byte) 0x40).putLong(1L << 40);
        byte[] desc = java.util.Arrays.copyOfRange(b.array(), 4, 14);
        int hc = (net.jpountz.xxhash.XXHashFactory.fastestInstance().hash32().hash(desc, 0, desc.length, 0) >>> 8) & 0xFF;
        b.put((byte) hc).putInt(0);
        byte[] frame = b.array();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> new Lz4FrameDecoder().decode(frame, 0, frame.length, 1 << 20, "sized", 0));
        assertEquals(6, e.offset());
        assertTrue(e.getMessage().contains("found 1099511627776"), e.getMessage());
    }
}
