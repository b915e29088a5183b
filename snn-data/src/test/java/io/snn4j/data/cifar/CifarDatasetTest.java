package io.snn4j.data.cifar;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.Split;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.batch.Batch;
import io.snn4j.data.batch.BatchIterator;
import io.snn4j.data.batch.BatchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** CIFAR-10/100 binary files written by the test in the distribution format, including corrupt ones. */
class CifarDatasetTest {
    @TempDir
    Path dir;

    /** Pixel byte of image {@code id}, channel c, row r, column x: distinct per position and image. */
    static int px(int id, int c, int r, int x) {
        return (id * 7 + c * 50 + r * 3 + x) & 0xFF;
    }

    static byte[] record(int id, int... labelBytes) {
        byte[] b = new byte[labelBytes.length + 3072];
        for (int i = 0; i < labelBytes.length; i++) {
            b[i] = (byte) labelBytes[i];
        }
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 32; r++) {
                for (int x = 0; x < 32; x++) {
                    b[labelBytes.length + (c * 32 + r) * 32 + x] = (byte) px(id, c, r, x);
                }
            }
        }
        return b;
    }

    static byte[] records(int firstId, int n, boolean cifar100) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            int id = firstId + i;
            out.writeBytes(cifar100 ? record(id, id % 20, id % 100) : record(id, id % 10));
        }
        return out.toByteArray();
    }

    /** cifar-10-batches-bin with 3 images per training batch and 4 test images; ids 0..14 train, 100.. test. */
    Path cifar10() throws Exception {
        Path d = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) {
            Files.write(d.resolve("data_batch_" + b + ".bin"), records((b - 1) * 3, 3, false));
        }
        Files.write(d.resolve("test_batch.bin"), records(100, 4, false));
        return d;
    }

    @Test
    void readsCifar10BatchesInOrderWithPlanarRgbPixels() throws Exception {
        cifar10();
        CifarDataset train = CifarDataset.cifar10(dir, Split.TRAIN);
        assertEquals(15, train.size());
        assertEquals(10, train.numClasses());
        for (int i = 0; i < 15; i++) {
            assertEquals(i % 10, train.label(i));
        }
        assertEquals(px(7, 2, 31, 5), train.pixel(7, 2, 31, 5));
        Sample s = train.get(7);
        assertArrayEquals(new long[] {3, 32, 32}, s.x().shape());
        assertEquals(7, s.label());
        assertEquals(px(7, 1, 4, 9) / 255f, s.x().getFloat(1, 4, 9), 1e-7);
        assertEquals(px(7, 0, 0, 0) / 255f, s.x().getFloat(0, 0, 0), 1e-7);

        CifarDataset test = CifarDataset.cifar10(dir.resolve("cifar-10-batches-bin"), Split.TEST);
        assertEquals(4, test.size());
        assertEquals(100 % 10, test.label(0));
        assertEquals(px(103, 2, 3, 4), test.pixel(3, 2, 3, 4));
    }

    @Test
    void readsCifar100FineAndCoarseLabels() throws Exception {
        Path d = Files.createDirectories(dir.resolve("cifar-100-binary"));
        Files.write(d.resolve("train.bin"), records(0, 25, true));
        Files.write(d.resolve("test.bin"), records(40, 5, true));
        CifarDataset fine = CifarDataset.cifar100(dir, Split.TRAIN);
        assertEquals(25, fine.size());
        assertEquals(100, fine.numClasses());
        assertEquals(23, fine.label(23));
        assertEquals(3, fine.coarseLabel(23));
        CifarDataset coarse = CifarDataset.cifar100(dir, Split.TEST, CifarDataset.Labels.COARSE);
        assertEquals(20, coarse.numClasses());
        assertEquals(42 % 20, coarse.label(2));
        assertEquals(42, coarse.fineLabel(2));
        assertEquals(42 % 20, coarse.get(2).label());
        assertEquals(px(44, 0, 31, 31), coarse.pixel(4, 0, 31, 31));
    }

    @Test
    void aPartialRecordIsCorruptNamingFileAndOffset() throws Exception {
        Path d = cifar10();
        Path b3 = d.resolve("data_batch_3.bin");
        byte[] all = Files.readAllBytes(b3);
        Files.write(b3, Arrays.copyOf(all, all.length - 100));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> CifarDataset.cifar10(dir, Split.TRAIN));
        assertEquals(b3.toString(), e.source());
        assertEquals(2 * 3073, e.offset());
        assertTrue(e.getMessage().contains("3073-byte CIFAR10 record"), e.getMessage());
        // the same from a stream
        CorruptDataException s = assertThrows(CorruptDataException.class, () -> CifarDataset.read(CifarDataset.Variant.CIFAR10,
                CifarDataset.Labels.FINE, new ByteArrayInputStream(Arrays.copyOf(all, all.length - 100)), "stream.bin"));
        assertEquals(2 * 3073, s.offset());
        assertEquals("stream.bin", s.source());
    }

    @Test
    void labelsOutOfRangeAreCorruptNamingTheRecordOffset() throws Exception {
        Path d = cifar10();
        Path b2 = d.resolve("data_batch_2.bin");
        byte[] all = Files.readAllBytes(b2);
        all[3073] = 10;
        Files.write(b2, all);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> CifarDataset.cifar10(dir, Split.TRAIN));
        assertEquals(b2.toString(), e.source());
        assertEquals(3073, e.offset());
        assertTrue(e.getMessage().contains("a label in 0..9") && e.getMessage().contains("found 10"), e.getMessage());

        byte[] c100 = records(0, 3, true);
        c100[2 * 3074] = 20; // coarse label of the third record
        CorruptDataException c = assertThrows(CorruptDataException.class, () -> CifarDataset.read(CifarDataset.Variant.CIFAR100,
                CifarDataset.Labels.FINE, new ByteArrayInputStream(c100), "train.bin"));
        assertEquals(2 * 3074, c.offset());
        byte[] f100 = records(0, 3, true);
        f100[3074 + 1] = (byte) 100;
        CorruptDataException f = assertThrows(CorruptDataException.class, () -> CifarDataset.read(CifarDataset.Variant.CIFAR100,
                CifarDataset.Labels.FINE, new ByteArrayInputStream(f100), "train.bin"));
        assertEquals(3074 + 1, f.offset());
    }

    @Test
    void missingAndEmptyFilesAreClearErrors() throws Exception {
        assertThrows(java.io.FileNotFoundException.class, () -> CifarDataset.cifar10(dir, Split.TRAIN));
        Path d = cifar10();
        Files.delete(d.resolve("data_batch_4.bin"));
        java.io.FileNotFoundException nf = assertThrows(java.io.FileNotFoundException.class, () -> CifarDataset.cifar10(dir, Split.TRAIN));
        assertTrue(nf.getMessage().contains("data_batch_4.bin"), nf.getMessage());
        Files.write(d.resolve("test_batch.bin"), new byte[0]);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> CifarDataset.cifar10(dir, Split.TEST));
        assertTrue(empty.getMessage().contains("0 images"), empty.getMessage());
    }

    @Test
    void trainTransformCropsFlipsNormalisesAndCutsOutDeterministically() throws Exception {
        cifar10();
        CifarDataset train = CifarDataset.cifar10(dir, Split.TRAIN);
        ImageTransform t = CifarDataset.trainTransform(CifarDataset.Variant.CIFAR10, true);
        INDArray x = train.get(3).x();
        INDArray a = t.apply(x, new SplittableRandom(5));
        INDArray b = t.apply(x, new SplittableRandom(5));
        assertEquals(a, b, "same seed, same augmentation");
        assertArrayEquals(new long[] {3, 32, 32}, a.shape());
        // a 16 x 16 Cutout hole (clipped at the border) holds exact zeros in all three channels
        int zeros = 0;
        for (int r = 0; r < 32; r++) {
            for (int c = 0; c < 32; c++) {
                if (a.getFloat(0, r, c) == 0f && a.getFloat(1, r, c) == 0f && a.getFloat(2, r, c) == 0f) {
                    zeros++;
                }
            }
        }
        assertTrue(zeros >= 64 && zeros <= 256 + 40, "zeros " + zeros);
        // without augmentation the test transform is the per-channel normalisation
        INDArray n = CifarDataset.testTransform(CifarDataset.Variant.CIFAR10).apply(x, new SplittableRandom(0));
        assertEquals((x.getFloat(2, 5, 6) - 0.4465f) / 0.2616f, n.getFloat(2, 5, 6), 1e-6);
        // batches of the transformed set
        BatchOptions opts = BatchOptions.builder().batchSize(4).seed(1).transform(t).build();
        try (BatchIterator it = new BatchIterator(train, opts, 0)) {
            Batch first = it.next();
            assertArrayEquals(new long[] {4, 3, 32, 32}, first.x().shape());
        }
        assertEquals(List.of(16, 8), List.of(CifarDataset.Variant.CIFAR10.cutoutLength(), CifarDataset.Variant.CIFAR100.cutoutLength()));
    }
}
