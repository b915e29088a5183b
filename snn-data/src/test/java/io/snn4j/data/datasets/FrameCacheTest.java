package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.frames.ResizeMode;
import io.snn4j.data.frames.SplitMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class FrameCacheTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndKeysByFramesMethodAndResize() throws Exception {
        FrameConfig a = FrameConfig.of(2, SplitMethod.BY_COUNT);
        FrameConfig b = FrameConfig.of(2, SplitMethod.BY_TIME).resized(48, ResizeMode.NEAREST);
        assertEquals("T2_BY_COUNT_native", a.cacheKey());
        assertEquals("T2_BY_TIME_48x48_NEAREST", b.cacheKey());
        FrameCache c = new FrameCache(dir, a);
        float[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        c.write("Train/3/00001.bin", new int[] {2, 2, 1, 2}, data, 3);
        FrameCache.Entry e = c.read("Train/3/00001.bin", new int[] {2, 2, 1, 2});
        assertArrayEquals(data, e.data());
        assertEquals(3, e.label());
        assertNull(new FrameCache(dir, b).read("Train/3/00001.bin", new int[] {2, 2, 1, 2}));
        try (var s = Files.list(c.directory())) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void rejectsWrongShapeAndCorruptBytes() throws Exception {
        FrameCache c = new FrameCache(dir, FrameConfig.of(1, SplitMethod.BY_COUNT));
        c.write("k", new int[] {1, 2, 1, 1}, new float[] {1, 2}, 0);
        CorruptDataException shape = assertThrows(CorruptDataException.class, () -> c.read("k", new int[] {1, 2, 2, 1}));
        assertEquals(8, shape.offset());
        Path f = c.fileFor("k");
        byte[] all = Files.readAllBytes(f);
        all[30] ^= 1;
        Files.write(f, all);
        CorruptDataException crc = assertThrows(CorruptDataException.class, () -> c.read("k", new int[] {1, 2, 1, 1}));
        assertTrue(crc.getMessage().contains("CRC-32") && crc.getMessage().contains(f.toString()), crc.getMessage());
        all[0] = 'X';
        Files.write(f, all);
        CorruptDataException magic = assertThrows(CorruptDataException.class, () -> c.read("k", new int[] {1, 2, 1, 1}));
        assertEquals(0, magic.offset());
    }
}
