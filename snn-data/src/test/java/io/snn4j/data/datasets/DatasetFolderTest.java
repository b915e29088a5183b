package io.snn4j.data.datasets;

import io.snn4j.data.Sample;
import io.snn4j.data.Split;
import io.snn4j.data.TestFiles;
import io.snn4j.data.frames.ResizeMode;
import io.snn4j.data.frames.SplitMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class DatasetFolderTest {
    @TempDir
    Path dir;

    @Test
    void nmnistFolderReadsLayoutIntegratesAndCaches() throws Exception {
        Path root = dir.resolve("NMNIST");
        for (int d = 0; d < 10; d++) {
            Files.createDirectories(root.resolve("Train").resolve(String.valueOf(d)));
        }
        Path sample = TestFiles.resource("nmnist-sample.bin", dir);
        Files.copy(sample, root.resolve("Train/4/00001.bin"));
        Path cache = dir.resolve("cache");
        FrameConfig cfg = FrameConfig.of(4, SplitMethod.BY_COUNT);
        EventFrameDataset ds = NMnistFolder.open(root, Split.TRAIN, cfg, cache);
        assertEquals(1, ds.size());
        Sample s = ds.get(0);
        assertEquals(4, s.label());
        assertArrayEquals(new long[] {4, 2, 34, 34}, s.x().shape());
        assertEquals(4325f, s.x().sumNumber().floatValue());
        // N = 4325, T = 4: 1081 events in each of the first three frames, 1082 in the last
        assertEquals(1081f, s.x().slice(0).sumNumber().floatValue());
        assertEquals(1082f, s.x().slice(3).sumNumber().floatValue());
        assertEquals(2180f, s.x().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).sumNumber().floatValue(), "channel 0 = OFF");
        Path cached = new FrameCache(cache, cfg).fileFor("Train/4/00001.bin");
        assertTrue(Files.exists(cached));
        long written = Files.getLastModifiedTime(cached).toMillis();
        Files.setLastModifiedTime(cached, java.nio.file.attribute.FileTime.fromMillis(written - 10_000));
        assertEquals(s.x(), ds.get(0).x(), "second read comes from the cache");
        assertEquals(written - 10_000, Files.getLastModifiedTime(cached).toMillis(), "the cache file was not rewritten");
    }

    private static List<String> names(EventFrameDataset ds) {
        List<String> out = new ArrayList<>();
        for (EventFrameDataset.Entry e : ds.entries()) {
            out.add(e.key());
        }
        return out;
    }

    @Test
    void cifar10DvsSplitIsSeededPerClassAndDisjoint() throws Exception {
        Path root = dir.resolve("CIFAR10DVS");
        for (String c : Cifar10DvsFolder.CLASSES) {
            Files.createDirectories(root.resolve(c));
            for (int i = 0; i < 20; i++) {
                Files.writeString(root.resolve(c).resolve(c + "_" + i + ".aedat"), "#!AER-DAT2.0\r\n");
            }
        }
        FrameConfig cfg = FrameConfig.of(10, SplitMethod.BY_COUNT).resized(48, ResizeMode.BILINEAR_ANTIALIAS);
        EventFrameDataset train = Cifar10DvsFolder.open(root, Split.TRAIN, 42, cfg, null);
        EventFrameDataset test = Cifar10DvsFolder.open(root, Split.TEST, 42, cfg, null);
        assertEquals(180, train.size());
        assertEquals(20, test.size());
        int[] perClass = new int[10];
        for (EventFrameDataset.Entry e : test.entries()) {
            perClass[e.label()]++;
        }
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, perClass);
        Set<String> all = new HashSet<>(names(train));
        all.addAll(names(test));
        assertEquals(200, all.size());
        assertEquals(names(test), names(Cifar10DvsFolder.open(root, Split.TEST, 42, cfg, null)));
        assertNotEquals(names(test), names(Cifar10DvsFolder.open(root, Split.TEST, 43, cfg, null)));
        assertArrayEquals(new int[] {10, 2, 48, 48}, train.sampleShape());
        Sample empty = test.get(0);
        assertArrayEquals(new long[] {10, 2, 48, 48}, empty.x().shape());
    }

    @Test
    void dvsGestureFolderSlicesRecordingsByLabelCsv() throws Exception {
        Path root = dir.resolve("DvsGesture");
        Files.createDirectories(root);
        int n = 40;
        ByteBuffer b = ByteBuffer.allocate(28 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).putShort((short) 0).putInt(8).putInt(4).putInt(0).putInt(n).putInt(n).putInt(n);
        for (int i = 0; i < n; i++) {
            b.putInt(((i % 128) << 17) | (3 << 2) | ((i & 1) << 1) | 1).putInt(i * 10);
        }
        byte[] header = "#!AER-DAT3.1\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(root.resolve("user01_led.aedat"), io.snn4j.data.events.AedatFixturesAccess.concat(header, b.array()));
        Files.writeString(root.resolve("user01_led_labels.csv"), "class,startTime_usec,endTime_usec\n1,0,100\n5,100,400\n");
        Files.writeString(root.resolve("trials_to_train.txt"), "user01_led.aedat\n");
        Path cache = dir.resolve("gcache");
        EventFrameDataset ds = DvsGestureFolder.open(root, Split.TRAIN, FrameConfig.of(2, SplitMethod.BY_TIME), cache);
        assertEquals(2, ds.size());
        Sample s0 = ds.get(0);
        assertEquals(0, s0.label());
        assertEquals(10f, s0.x().sumNumber().floatValue(), "events with 0 <= t < 100");
        assertTrue(Files.exists(new FrameCache(cache, ds.config()).fileFor(ds.entries().get(1).key())),
                "slices of the same recording are cached in one pass");
        Sample s1 = ds.get(1);
        assertEquals(4, s1.label());
        assertEquals(30f, s1.x().sumNumber().floatValue());
    }
}
