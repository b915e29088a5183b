package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.Split;
import io.snn4j.data.TestFiles;
import io.snn4j.data.events.EventStream;
import io.snn4j.data.events.NMnistBinReader;
import io.snn4j.data.frames.ResizeMode;
import io.snn4j.data.frames.SplitMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 12's data items: CIFAR10-DVS recordings of another resolution, N-MNIST overflow markers. */
class RecordingShapeTest {
    @TempDir
    Path dir;

    @Test
    void aCifar10DvsRecordingThatIsNot128x128FailsNamingTheFile() throws Exception {
        Path root = dir.resolve("CIFAR10DVS");
        for (String c : Cifar10DvsFolder.CLASSES) {
            Files.createDirectories(root.resolve(c));
        }
        Path rec = root.resolve("cat/cat_0.aedat4");
        Files.copy(TestFiles.resource("dvxplorer-sample.aedat4", dir), rec); // a 320 x 240 DVXplorer recording
        FrameConfig cfg = FrameConfig.of(4, SplitMethod.BY_COUNT).resized(48, ResizeMode.BILINEAR_ANTIALIAS);
        EventFrameDataset ds = Cifar10DvsFolder.open(root, Split.TRAIN, 1.0, 0, cfg, null);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> ds.get(0));
        assertEquals(rec.toString(), e.source());
        assertTrue(e.getMessage().contains("a 128 x 128 recording") && e.getMessage().contains("320 x 240"), e.getMessage());
    }

    @Test
    void nmnistOverflowMarkersAreSkippedAndCounted() throws Exception {
        byte[] real = Files.readAllBytes(TestFiles.resource("nmnist-sample.bin", dir));
        byte[] marker = {0, (byte) NMnistBinReader.OVERFLOW_MARKER_Y, 0, 0, 0};
        byte[] withMarkers = new byte[real.length + 2 * marker.length];
        System.arraycopy(real, 0, withMarkers, 0, 1000 * 5);
        System.arraycopy(marker, 0, withMarkers, 1000 * 5, 5);
        System.arraycopy(real, 1000 * 5, withMarkers, 1001 * 5, real.length - 1000 * 5);
        System.arraycopy(marker, 0, withMarkers, real.length + 5, 5);
        EventStream plain;
        try (NMnistBinReader r = new NMnistBinReader(new ByteArrayInputStream(real), "plain.bin", 34, 34)) {
            plain = r.readAll();
        }
        try (NMnistBinReader r = new NMnistBinReader(new ByteArrayInputStream(withMarkers), "markers.bin", 34, 34)) {
            EventStream s = r.readAll();
            assertEquals(2, r.overflowMarkers());
            assertEquals(4325, s.size());
            assertArrayEquals(plain.t(), s.t());
            assertArrayEquals(plain.x(), s.x());
            assertArrayEquals(plain.y(), s.y());
        }
        // other coordinates off the sensor are still corrupt
        byte[] bad = real.clone();
        bad[5 * 7 + 1] = (byte) 241;
        try (NMnistBinReader r = new NMnistBinReader(new ByteArrayInputStream(bad), "bad.bin", 34, 34)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
            assertEquals(35, e.offset());
        }
    }

    @Test
    void anNMnistFolderRecordingWithMarkersIntegratesLikeWithout() throws Exception {
        Path root = dir.resolve("NMNIST");
        for (int d = 0; d < 10; d++) {
            Files.createDirectories(root.resolve("Train").resolve(String.valueOf(d)));
        }
        byte[] real = Files.readAllBytes(TestFiles.resource("nmnist-sample.bin", dir));
        byte[] marked = new byte[real.length + 5];
        System.arraycopy(real, 0, marked, 5, real.length);
        marked[1] = (byte) 240;
        Files.write(root.resolve("Train/1/a.bin"), real);
        Files.write(root.resolve("Train/2/b.bin"), marked);
        EventFrameDataset ds = NMnistFolder.open(root, Split.TRAIN, FrameConfig.of(3, SplitMethod.BY_COUNT), null);
        Sample a = ds.get(0);
        Sample b = ds.get(1);
        assertEquals(a.x(), b.x());
    }
}
