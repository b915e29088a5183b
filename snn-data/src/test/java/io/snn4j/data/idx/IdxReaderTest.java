package io.snn4j.data.idx;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    private static byte[] labels(int... l) {
        ByteBuffer b = ByteBuffer.allocate(8 + l.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(l.length);
        for (int v : l) {
            b.put((byte) v);
        }
        return b.array();
    }

    @Test
    void embeddedFashionMnistSubsetHasBalancedCounts() {
        ImageDataset train = FashionMnist.embeddedSubset(Split.TRAIN);
        ImageDataset test = FashionMnist.embeddedSubset(Split.TEST);
        assertEquals(2000, train.size());
        assertEquals(1000, test.size());
        int[] perClass = new int[10];
        for (int i = 0; i < train.size(); i++) {
            perClass[train.label(i)]++;
        }
        for (int c : perClass) {
            assertEquals(200, c);
        }
        Sample s = train.get(0);
        assertArrayEquals(new long[] {1, 28, 28}, s.x().shape());
        float max = s.x().maxNumber().floatValue();
        assertTrue(max > 0.5f && max <= 1f, "pixels scaled to [0,1]: " + max);
    }

    @Test
    void readsRawAndGzippedFromDirectory() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(3, 2, 2));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("train-labels-idx1-ubyte.gz")))) {
            o.write(labels(4, 0, 9));
        }
        ImageDataset d = Mnist.fromDirectory(dir, Split.TRAIN);
        assertEquals(3, d.size());
        assertEquals(9, d.label(2));
        assertEquals((byte) (5 * 7) & 0xFF, d.pixel(1, 0, 1));
    }

    @Test
    void labelAndImageCountMismatchIsRejectedNamingBothCounts() throws Exception {
        Path im = dir.resolve("i");
        Path lb = dir.resolve("l");
        Files.write(im, images(3, 2, 2));
        Files.write(lb, labels(1, 2));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> ImageDataset.load(im, lb, 10));
        assertTrue(e.getMessage().contains("image count 3") && e.getMessage().contains("label count 2"), e.getMessage());
        assertTrue(e.getMessage().contains(lb.toString()), e.getMessage());
    }

    @Test
    void wrongMagicIsRejectedAtOffsetZero() throws Exception {
        Path lb = dir.resolve("l");
        Files.write(lb, labels(1, 2));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.readImages(lb));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("0x00000803") && e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void truncatedImagesAreRejected() throws Exception {
        byte[] full = images(3, 2, 2);
        Path im = dir.resolve("i");
        Files.write(im, java.util.Arrays.copyOf(full, full.length - 1));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.readImages(im));
        assertEquals(16, e.offset());
        assertTrue(e.getMessage().contains("end of file after 11 bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipNamesTheFileWhereverItBreaksOff() throws Exception {
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bo)) {
            o.write(ByteBuffer.allocate(8 + 500).putInt(IdxReader.LABELS_MAGIC).putInt(500).array());
        }
        byte[] gz = bo.toByteArray();
        for (int len : new int[] {5, gz.length / 2, gz.length - 3}) { // inside the gzip header, the deflate data, the trailer
            Path f = dir.resolve("t10k-labels-idx1-ubyte.gz");
            Files.write(f, java.util.Arrays.copyOf(gz, len));
            CorruptDataException e = assertThrows(CorruptDataException.class,
                    () -> IdxReader.readLabels(f), "cut at " + len);
            assertEquals(f.toString(), e.source());
            assertTrue(e.getMessage().startsWith(f + ": at byte offset "), e.getMessage());
        }
    }
}
