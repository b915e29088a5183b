package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import io.snn4j.data.io.Bytes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ImageNet-style class-per-folder image set (torchvision's {@code ImageFolder}):
 * {@code root/<class>/<image>.{jpg,jpeg,png}}, classes are the sub-directory names in sorted order
 * (label = index), images sorted by name within each class. Images are decoded on each
 * {@link #get} through the JDK's ImageIO, converted to RGB, as FLOAT [3, H, W] in [0, 1] of the
 * image's own size: give the {@link io.snn4j.data.batch.BatchIterator} a transform that makes the
 * size uniform (e.g. {@link io.snn4j.data.augment.RandomResizedCrop} for training,
 * {@link io.snn4j.data.augment.Resize} then {@link io.snn4j.data.augment.CenterCrop} for
 * evaluation, as for ImageNet).
 *
 * <p>Like torchvision, an empty class folder is an error. A file that does not decode, decodes with
 * warnings (e.g. a truncated JPEG) or declares more than {@value #MAX_PIXELS} pixels is a
 * {@link CorruptDataException} naming it. Files and class folders must lie inside the root (no
 * symbolic links out of it).
 */
public final class ImageFolder implements SampleSource {
    /** File name endings taken as images (case-insensitive). */
    public static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");
    /** Most pixels (width · height) an image may declare: 64 Mi, checked before decoding. */
    public static final long MAX_PIXELS = 1L << 26;

    private final Path root;
    private final List<String> classes;
    private final List<Path> files;
    private final int[] labels;

    /** Lists {@code root}; throws when it has no class folder or a class folder has no image. */
    public ImageFolder(Path root) throws IOException {
        this.root = root;
        List<String> names = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        List<Path> dirs = Folders.dirs(root, root);
        for (Path dir : dirs) {
            List<Path> images = Folders.files(root, dir, EXTENSIONS.toArray(new String[0]));
            if (images.isEmpty()) {
                throw new IllegalArgumentException(dir + ": empty class folder (expected images ending in " + EXTENSIONS
                        + "; remove the folder or add images)");
            }
            for (Path f : images) {
                all.add(f);
                lab.add(names.size());
            }
            names.add(dir.getFileName().toString());
        }
        Folders.requireSamples(all.size(), "image folder", root, "<class>/<image>.jpg|.jpeg|.png");
        this.classes = Collections.unmodifiableList(names);
        this.files = List.copyOf(all);
        this.labels = lab.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    /** Class names (the folder names) by label. */
    public List<String> classes() {
        return classes;
    }

    /** The image file of sample i. */
    public Path file(int i) {
        return files.get(i);
    }

    /** The label of sample i. */
    public int label(int i) {
        return labels[i];
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int numClasses() {
        return classes.size();
    }

    @Override
    public Sample get(int i) {
        Path f = files.get(i);
        try {
            BufferedImage img = decode(f);
            return new Sample(Nd4j.create(rgb(img), new long[] {3, img.getHeight(), img.getWidth()}, DataType.FLOAT), labels[i]);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    /** The image's pixels as [3, H, W] floats in [0, 1] (sRGB; grey and alpha images converted). */
    public static float[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int k = 0; k < plane; k++) {
            int p = argb[k];
            out[k] = ((p >>> 16) & 0xFF) / 255f;
            out[plane + k] = ((p >>> 8) & 0xFF) / 255f;
            out[2 * plane + k] = (p & 0xFF) / 255f;
        }
        return out;
    }

    /**
     * Decodes one image file with ImageIO, strictly: an unrecognised format, a decoding error or a
     * decoder warning is a {@link CorruptDataException} naming the file (offset: where the decoder
     * had read to), and more than {@link #MAX_PIXELS} declared pixels are refused before decoding.
     */
    public static BufferedImage decode(Path file) throws IOException {
        String src = file.toString();
        try (ImageInputStream iis = ImageIO.createImageInputStream(file.toFile())) {
            if (iis == null) {
                throw new IOException("cannot open " + file);
            }
            Iterator<ImageReader> it = ImageIO.getImageReaders(iis);
            if (!it.hasNext()) {
                throw new CorruptDataException(src, 0, "a JPEG or PNG image", "first bytes " + head(file));
            }
            ImageReader reader = it.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(iis, true, true);
                reader.addIIOReadWarningListener((r, message) -> warnings.add(message));
                String format = reader.getFormatName();
                long pixels;
                try {
                    pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new CorruptDataException(src, position(iis), "a readable " + format + " header", String.valueOf(e.getMessage()), e);
                }
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new CorruptDataException(src, 0, "an image of 1.." + MAX_PIXELS + " pixels",
                            reader.getWidth(0) + " x " + reader.getHeight(0) + " declared by the " + format + " header");
                }
                BufferedImage img;
                try {
                    img = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof CorruptDataException c) {
                        throw c;
                    }
                    throw new CorruptDataException(src, position(iis), "a complete, valid " + format + " image",
                            e.getClass().getSimpleName() + ": " + e.getMessage(), e);
                }
                if (!warnings.isEmpty()) {
                    throw new CorruptDataException(src, position(iis), "a " + format + " image that decodes without warnings",
                            String.join("; ", warnings));
                }
                return img;
            } finally {
                reader.dispose();
            }
        }
    }

    private static long position(ImageInputStream iis) {
        try {
            return iis.getStreamPosition();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(8);
            return Bytes.hex(b, 0, b.length);
        }
    }
}
