package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.Split;
import io.snn4j.data.TestFiles;
import io.snn4j.data.frames.ResizeMode;
import io.snn4j.data.frames.SplitMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class FrameCacheTest {
    @TempDir
    Path dir;

    static final FrameCache.Fingerprint FP = new FrameCache.Fingerprint(100, 5, "(dev=1,ino=2)");

    @Test
    void roundTripsAndKeysByFramesMethodAndResize() throws Exception {
        FrameConfig a = FrameConfig.of(2, SplitMethod.BY_COUNT);
        FrameConfig b = FrameConfig.of(2, SplitMethod.BY_TIME).resized(48, ResizeMode.NEAREST);
        assertEquals("T2_BY_COUNT_native", a.cacheKey());
        assertEquals("T2_BY_TIME_48x48_NEAREST", b.cacheKey());
        FrameCache c = new FrameCache(dir, a);
        float[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        c.write("Train/3/00001.bin", FP, new int[] {2, 2, 1, 2}, data, 3);
        FrameCache.Entry e = c.read("Train/3/00001.bin", FP, new int[] {2, 2, 1, 2});
        assertArrayEquals(data, e.data());
        assertEquals(3, e.label());
        assertNull(new FrameCache(dir, b).read("Train/3/00001.bin", FP, new int[] {2, 2, 1, 2}));
        try (var s = Files.list(c.directory())) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void namesThatOnceCollidedGetTheirOwnEntries() throws Exception {
        List<String> keys = List.of("a b.bin", "a_b.bin", "a%20b.bin", "é.bin", "ü.bin", "x/y.bin", "x%2Fy.bin", "x_y.bin",
                "Train/1/a.bin", "Train_1_a.bin");
        Set<String> names = new HashSet<>();
        for (String k : keys) {
            names.add(FrameCache.fileName(k));
        }
        assertEquals(keys.size(), names.size(), "escaping is lossless: " + names);
        assertEquals("a%20b.bin.frames", FrameCache.fileName("a b.bin"));
        assertEquals("%C3%A9.bin.frames", FrameCache.fileName("é.bin"));

        FrameCache c = new FrameCache(dir, FrameConfig.of(1, SplitMethod.BY_COUNT));
        for (int i = 0; i < keys.size(); i++) {
            c.write(keys.get(i), FP, new int[] {1, 1, 1, 1}, new float[] {i}, i);
        }
        for (int i = 0; i < keys.size(); i++) {
            FrameCache.Entry e = c.read(keys.get(i), FP, new int[] {1, 1, 1, 1});
            assertEquals(i, e.label(), keys.get(i));
            assertArrayEquals(new float[] {i}, e.data(), keys.get(i));
        }
    }

    @Test
    void longKeysThatShareAPrefixStayApart() throws Exception {
        String prefix = "deep/".repeat(60);
        String a = prefix + "a.bin";
        String b = prefix + "b.bin";
        assertTrue(FrameCache.fileName(a).length() < 255);
        assertNotEquals(FrameCache.fileName(a), FrameCache.fileName(b));
        FrameCache c = new FrameCache(dir, FrameConfig.of(1, SplitMethod.BY_COUNT));
        c.write(a, FP, new int[] {1, 1, 1, 1}, new float[] {1}, 1);
        assertNull(c.read(b, FP, new int[] {1, 1, 1, 1}));
        assertEquals(1, c.read(a, FP, new int[] {1, 1, 1, 1}).label());
    }

    @Test
    void anEntryOfAnotherKeyOrFingerprintIsAMiss() throws Exception {
        FrameCache c = new FrameCache(dir, FrameConfig.of(1, SplitMethod.BY_COUNT));
        int[] shape = {1, 1, 1, 1};
        c.write("k.bin", FP, shape, new float[] {7}, 1);
        assertNull(c.read("k.bin", new FrameCache.Fingerprint(101, 5, FP.fileKey()), shape), "size changed");
        assertNull(c.read("k.bin", new FrameCache.Fingerprint(100, 6, FP.fileKey()), shape), "modified");
        assertNull(c.read("k.bin", new FrameCache.Fingerprint(100, 5, "(dev=1,ino=3)"), shape), "another file");
        // an entry found under the name but written for another key (e.g. a case-insensitive file system)
        Path other = c.fileFor("K.bin");
        Files.copy(c.fileFor("k.bin"), other, StandardCopyOption.REPLACE_EXISTING);
        assertNull(c.read("K.bin", FP, shape));
        assertEquals(1, c.read("k.bin", FP, shape).label());
    }

    @Test
    void rejectsWrongShapeAndCorruptBytes() throws Exception {
        FrameCache c = new FrameCache(dir, FrameConfig.of(1, SplitMethod.BY_COUNT));
        c.write("k", FP, new int[] {1, 2, 1, 1}, new float[] {1, 2}, 0);
        CorruptDataException shape = assertThrows(CorruptDataException.class, () -> c.read("k", FP, new int[] {1, 2, 2, 1}));
        assertEquals(8, shape.offset());
        Path f = c.fileFor("k");
        byte[] all = Files.readAllBytes(f);
        all[all.length - 6] ^= 1;
        Files.write(f, all);
        CorruptDataException crc = assertThrows(CorruptDataException.class, () -> c.read("k", FP, new int[] {1, 2, 1, 1}));
        assertTrue(crc.getMessage().contains("CRC-32") && crc.getMessage().contains(f.toString()), crc.getMessage());
        byte[] cut = Arrays.copyOf(all, 40);
        Files.write(f, cut);
        CorruptDataException shortFile = assertThrows(CorruptDataException.class, () -> c.read("k", FP, new int[] {1, 2, 1, 1}));
        assertTrue(shortFile.getMessage().contains(f.toString()), shortFile.getMessage());
        all[0] = 'X';
        Files.write(f, all);
        CorruptDataException magic = assertThrows(CorruptDataException.class, () -> c.read("k", FP, new int[] {1, 2, 1, 1}));
        assertEquals(0, magic.offset());
    }

    /** Two N-MNIST recordings, cached through the dataset: the frames always follow the current files. */
    @Test
    void theDatasetRecomputesAfterRenamesAndChangedSources() throws Exception {
        Path root = dir.resolve("NMNIST");
        for (int d = 0; d < 10; d++) {
            Files.createDirectories(root.resolve("Train").resolve(String.valueOf(d)));
        }
        byte[] real = Files.readAllBytes(TestFiles.resource("nmnist-sample.bin", dir));
        byte[] firstHalf = Arrays.copyOf(real, 2000 * 5);
        byte[] secondHalf = Arrays.copyOfRange(real, real.length - 2000 * 5, real.length);
        Path a = Files.write(root.resolve("Train/4/a.bin"), firstHalf);
        Path b = Files.write(root.resolve("Train/4/b.bin"), secondHalf);
        FileTime t = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(a, t);
        Files.setLastModifiedTime(b, t); // same size, same time: only the file key tells them apart
        FrameConfig cfg = FrameConfig.of(2, SplitMethod.BY_COUNT);
        Path cache = dir.resolve("cache");
        EventFrameDataset uncached = NMnistFolder.open(root, Split.TRAIN, cfg, null);
        Sample fa = uncached.get(0);
        Sample fb = uncached.get(1);
        assertNotEquals(fa.x(), fb.x());

        EventFrameDataset ds = NMnistFolder.open(root, Split.TRAIN, cfg, cache);
        assertEquals(fa.x(), ds.get(0).x());
        assertEquals(fb.x(), ds.get(1).x());
        // swap the two recordings by renaming
        Path tmp = root.resolve("Train/4/tmp");
        Files.move(a, tmp);
        Files.move(b, a);
        Files.move(tmp, b);
        assertEquals(fb.x(), ds.get(0).x(), "a.bin now holds b's events");
        assertEquals(fa.x(), ds.get(1).x(), "b.bin now holds a's events");
        // rewrite a file in place with other events of the same size and time
        Files.write(a, firstHalf);
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_600_000_000_001L));
        assertEquals(fa.x(), ds.get(0).x());
        assertEquals(fa.x(), NMnistFolder.open(root, Split.TRAIN, cfg, cache).get(0).x(), "a new dataset object agrees");
    }
}
