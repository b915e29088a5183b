package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.augment.CenterCrop;
import io.snn4j.data.augment.HorizontalFlip;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.augment.RandomResizedCrop;
import io.snn4j.data.augment.Resize;
import io.snn4j.data.batch.Batch;
import io.snn4j.data.batch.BatchIterator;
import io.snn4j.data.batch.BatchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;

/** The class-per-folder image set on PNG and JPEG fixtures written by the test, including corrupt ones. */
class ImageFolderTest {
    @TempDir
    Path dir;

    static BufferedImage image(int w, int h, int seed, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 17 + seed) & 0xFF;
                int g = (y * 29 + seed * 3) & 0xFF;
                int b = (x * y + seed) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    Path root() throws Exception {
        Path root = dir.resolve("imagenet-mini/train");
        Files.createDirectories(root.resolve("n02_dog"));
        Files.createDirectories(root.resolve("n01_cat"));
        Files.write(root.resolve("n01_cat/b.png"), encode(image(40, 30, 1, BufferedImage.TYPE_INT_RGB), "png"));
        Files.write(root.resolve("n01_cat/a.PNG"), encode(image(20, 24, 2, BufferedImage.TYPE_INT_RGB), "png"));
        Files.write(root.resolve("n02_dog/c.jpg"), encode(image(64, 48, 3, BufferedImage.TYPE_INT_RGB), "jpg"));
        Files.write(root.resolve("n02_dog/grey.png"), encode(image(16, 16, 4, BufferedImage.TYPE_BYTE_GRAY), "png"));
        Files.writeString(root.resolve("n02_dog/notes.txt"), "not an image");
        return root;
    }

    @Test
    void listsSortedClassesAndImagesAndDecodesPngsExactly() throws Exception {
        Path root = root();
        ImageFolder ds = new ImageFolder(root);
        assertEquals(List.of("n01_cat", "n02_dog"), ds.classes());
        assertEquals(4, ds.size());
        assertEquals(2, ds.numClasses());
        assertEquals(List.of("a.PNG", "b.png", "c.jpg", "grey.png"),
                java.util.stream.IntStream.range(0, 4).mapToObj(i -> ds.file(i).getFileName().toString()).toList());
        assertArrayEquals(new int[] {0, 0, 1, 1}, java.util.stream.IntStream.range(0, 4).map(ds::label).toArray());
        Sample b = ds.get(1);
        assertArrayEquals(new long[] {3, 30, 40}, b.x().shape());
        BufferedImage src = image(40, 30, 1, BufferedImage.TYPE_INT_RGB);
        int p = src.getRGB(7, 5);
        assertEquals(((p >> 16) & 0xFF) / 255f, b.x().getFloat(0, 5, 7), 1e-7);
        assertEquals(((p >> 8) & 0xFF) / 255f, b.x().getFloat(1, 5, 7), 1e-7);
        assertEquals((p & 0xFF) / 255f, b.x().getFloat(2, 5, 7), 1e-7);
        Sample grey = ds.get(3);
        assertArrayEquals(new long[] {3, 16, 16}, grey.x().shape(), "grey images become RGB");
        assertEquals(grey.x().getFloat(0, 3, 4), grey.x().getFloat(2, 3, 4));
        assertArrayEquals(new long[] {3, 48, 64}, ds.get(2).x().shape());
    }

    @Test
    void batchesOfUniformSizeThroughImageNetTransforms() throws Exception {
        ImageFolder ds = new ImageFolder(root());
        ImageTransform train = new RandomResizedCrop(12).andThen(new HorizontalFlip(0.5)).andThen(Normalize.imageNet());
        ImageTransform eval = Resize.shorterSide(14).andThen(new CenterCrop(12)).andThen(Normalize.imageNet());
        for (ImageTransform t : List.of(train, eval)) {
            try (BatchIterator it = new BatchIterator(ds, BatchOptions.builder().batchSize(4).seed(3).transform(t).build(), 0)) {
                Batch batch = it.next();
                assertArrayEquals(new long[] {4, 3, 12, 12}, batch.x().shape());
            }
        }
        try (BatchIterator a = new BatchIterator(ds, BatchOptions.builder().batchSize(4).seed(3).transform(train).build(), 1);
             BatchIterator b = new BatchIterator(ds, BatchOptions.builder().batchSize(4).seed(3).transform(train).build(), 1)) {
            assertEquals(a.next().x(), b.next().x(), "seeded: the same crops for the same seed and epoch");
        }
    }

    @Test
    void emptyClassFoldersAndEmptyRootsAreRejected() throws Exception {
        Path root = root();
        Files.createDirectories(root.resolve("n03_empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageFolder(root));
        assertTrue(e.getMessage().contains("n03_empty") && e.getMessage().contains("empty class folder"), e.getMessage());
        Path none = Files.createDirectories(dir.resolve("none"));
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> new ImageFolder(none));
        assertTrue(n.getMessage().contains("no samples"), n.getMessage());
    }

    @Test
    void corruptTruncatedAndOversizedImagesNameTheFile() throws Exception {
        Path root = root();
        byte[] png = Files.readAllBytes(root.resolve("n01_cat/b.png"));
        byte[] jpg = Files.readAllBytes(root.resolve("n02_dog/c.jpg"));
        Path cut = Files.write(root.resolve("n01_cat/cut.png"), Arrays.copyOf(png, png.length / 2));
        Path cutJpg = Files.write(root.resolve("n02_dog/cut.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        Path garbage = Files.write(root.resolve("n02_dog/garbage.jpg"), "GIF89a? no, just text".getBytes());
        Path huge = Files.write(root.resolve("n01_cat/huge.png"), hugePng(100_000, 100_000));
        for (Path f : List.of(cut, cutJpg, garbage, huge)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> ImageFolder.decode(f), f.toString());
            assertEquals(f.toString(), e.source());
            assertTrue(e.getMessage().startsWith(f + ": at byte offset "), e.getMessage());
        }
        CorruptDataException h = assertThrows(CorruptDataException.class, () -> ImageFolder.decode(huge));
        assertTrue(h.getMessage().contains("100000 x 100000"), h.getMessage());
        ImageFolder ds = new ImageFolder(root);
        int i = ds.size() - 1;
        while (!ds.file(i).equals(garbage)) {
            i--;
        }
        int garbageIndex = i;
        CorruptDataException g = assertThrows(CorruptDataException.class, () -> ds.get(garbageIndex));
        assertEquals(garbage.toString(), g.source());
    }

    /** A PNG signature and IHDR chunk declaring w x h RGB pixels (valid CRC), with no image data. */
    static byte[] hugePng(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13)
                .put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    @Test
    void imagesLinkedFromOutsideTheRootAreRejected() throws Exception {
        Path root = root();
        Path outside = Files.write(dir.resolve("outside.png"), encode(image(8, 8, 5, BufferedImage.TYPE_INT_RGB), "png"));
        Files.createSymbolicLink(root.resolve("n01_cat/link.png"), outside);
        assertThrows(CorruptDataException.class, () -> new ImageFolder(root));
    }
}
