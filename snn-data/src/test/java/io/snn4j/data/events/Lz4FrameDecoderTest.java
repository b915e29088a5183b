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
}
