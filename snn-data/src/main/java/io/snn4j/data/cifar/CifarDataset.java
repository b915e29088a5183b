package io.snn4j.data.cifar;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import io.snn4j.data.Split;
import io.snn4j.data.augment.Cutout;
import io.snn4j.data.augment.HorizontalFlip;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.augment.RandomCrop;
import io.snn4j.data.io.CheckedInput;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 (Krizhevsky 2009) in their binary distribution format, in memory: 32 x 32
 * RGB images, samples FLOAT [3, 32, 32] scaled to [0, 1] (byte / 255).
 *
 * <p>Format: records of {@link Variant#labelBytes()} label bytes (CIFAR-10: the label 0-9;
 * CIFAR-100: the coarse label 0-19, then the fine label 0-99) followed by 3072 pixel bytes, the
 * 1024 red, then green, then blue values of the image in row-major order. CIFAR-10's training set is
 * {@code data_batch_1.bin} .. {@code data_batch_5.bin}, its test set {@code test_batch.bin} (in
 * {@code cifar-10-batches-bin/}); CIFAR-100's are {@code train.bin} and {@code test.bin} (in
 * {@code cifar-100-binary/}). A file that is not a whole number of records, or a label out of
 * range, is a {@link CorruptDataException} naming the file and the record's byte offset.
 */
public final class CifarDataset implements SampleSource {
    /** Image side. */
    public static final int SIZE = 32;
    /** Colour channels. */
    public static final int CHANNELS = 3;
    /** Pixel bytes of one image. */
    public static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;

    /** Which of the two datasets a file holds. */
    public enum Variant {
        /** 1 label byte (10 classes). */
        CIFAR10(1, 10, 16),
        /** 2 label bytes: coarse (20 super-classes), fine (100 classes). */
        CIFAR100(2, 100, 8);

        private final int labelBytes;
        private final int classes;
        private final int cutoutLength;

        Variant(int labelBytes, int classes, int cutoutLength) {
            this.labelBytes = labelBytes;
            this.classes = classes;
            this.cutoutLength = cutoutLength;
        }

        /** Label bytes before each image. */
        public int labelBytes() {
            return labelBytes;
        }

        /** Bytes of one record. */
        public int recordBytes() {
            return labelBytes + IMAGE_BYTES;
        }

        /** Number of (fine) classes. */
        public int classes() {
            return classes;
        }

        /** Side of the Cutout square DeVries and Taylor used on this dataset (16, 8). */
        public int cutoutLength() {
            return cutoutLength;
        }

        /** The per-channel statistics of the training set. */
        public Normalize normalize() {
            return this == CIFAR10 ? Normalize.cifar10() : Normalize.cifar100();
        }
    }

    /** CIFAR-100 label granularity. */
    public enum Labels {
        /** The 100 classes. */
        FINE,
        /** The 20 super-classes. */
        COARSE
    }

    /** CIFAR-100 coarse classes. */
    public static final int COARSE_CLASSES = 20;

    private final Variant variant;
    private final Labels labels;
    private final byte[] pixels;
    private final byte[] fine;
    private final byte[] coarse;
    private final int count;

    private CifarDataset(Variant variant, Labels labels, byte[] pixels, byte[] fine, byte[] coarse, int count) {
        if (count == 0) {
            throw new IllegalArgumentException(variant + ": the dataset holds 0 images");
        }
        this.variant = variant;
        this.labels = labels;
        this.pixels = pixels;
        this.fine = fine;
        this.coarse = coarse;
        this.count = count;
    }

    /**
     * CIFAR-10 from {@code dir} ({@code cifar-10-batches-bin/} itself or the folder holding it):
     * the five training batches or the test batch.
     */
    public static CifarDataset cifar10(Path dir, Split split) throws IOException {
        Path d = locate(dir, "cifar-10-batches-bin", "data_batch_1.bin");
        List<Path> files = new ArrayList<>();
        if (split == Split.TRAIN) {
            for (int i = 1; i <= 5; i++) {
                files.add(require(d.resolve("data_batch_" + i + ".bin")));
            }
        } else {
            files.add(require(d.resolve("test_batch.bin")));
        }
        return read(Variant.CIFAR10, Labels.FINE, files);
    }

    /** CIFAR-100 from {@code dir} ({@code cifar-100-binary/} or the folder holding it) with its fine labels. */
    public static CifarDataset cifar100(Path dir, Split split) throws IOException {
        return cifar100(dir, split, Labels.FINE);
    }

    /** CIFAR-100 from {@code dir} with fine (100) or coarse (20) labels. */
    public static CifarDataset cifar100(Path dir, Split split, Labels labels) throws IOException {
        Path d = locate(dir, "cifar-100-binary", "train.bin");
        return read(Variant.CIFAR100, labels, List.of(require(d.resolve(split == Split.TRAIN ? "train.bin" : "test.bin"))));
    }

    private static Path locate(Path dir, String sub, String probe) throws FileNotFoundException {
        if (Files.isRegularFile(dir.resolve(probe))) {
            return dir;
        }
        if (Files.isRegularFile(dir.resolve(sub).resolve(probe))) {
            return dir.resolve(sub);
        }
        throw new FileNotFoundException(dir.resolve(probe) + " not found (expected the binary distribution, e.g. " + sub
                + "/ unpacked into " + dir + "; see docs/data.md)");
    }

    private static Path require(Path p) throws FileNotFoundException {
        if (!Files.isRegularFile(p)) {
            throw new FileNotFoundException(p + " not found");
        }
        return p;
    }

    /** Reads and concatenates files of {@code variant}, in order. */
    public static CifarDataset read(Variant variant, Labels labels, List<Path> files) throws IOException {
        if (variant == Variant.CIFAR10 && labels != Labels.FINE) {
            throw new IllegalArgumentException("CIFAR-10 has no coarse labels");
        }
        long total = 0;
        for (Path f : files) {
            long size = Files.size(f);
            if (size % variant.recordBytes() != 0) {
                long at = size - size % variant.recordBytes();
                throw new CorruptDataException(f.toString(), at, "a whole " + variant.recordBytes() + "-byte " + variant
                        + " record", (size % variant.recordBytes()) + " bytes before end of file");
            }
            total += size / variant.recordBytes();
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(files + ": " + total + " images do not fit one array");
        }
        Records r = new Records(variant, (int) total);
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                r.append(new CheckedInput(in, f.toString()), Files.size(f) / variant.recordBytes());
            }
        }
        return new CifarDataset(variant, labels, r.pixels, r.fine, r.coarse, r.n);
    }

    /** Reads one stream of records to its end (growing as records arrive); {@code source} names it in errors. */
    public static CifarDataset read(Variant variant, Labels labels, InputStream stream, String source) throws IOException {
        if (variant == Variant.CIFAR10 && labels != Labels.FINE) {
            throw new IllegalArgumentException("CIFAR-10 has no coarse labels");
        }
        Records r = new Records(variant, 16);
        CheckedInput in = new CheckedInput(stream, source);
        r.append(in, Long.MAX_VALUE);
        return new CifarDataset(variant, labels, r.pixels, r.fine, r.coarse, r.n);
    }

    /** Growable record storage. */
    private static final class Records {
        final Variant variant;
        byte[] pixels;
        byte[] fine;
        byte[] coarse;
        int n;

        Records(Variant variant, int capacity) {
            this.variant = variant;
            pixels = new byte[capacity * IMAGE_BYTES];
            fine = new byte[capacity];
            coarse = variant == Variant.CIFAR100 ? new byte[capacity] : null;
        }

        /** Reads up to {@code max} records, or to the end of the stream. */
        void append(CheckedInput in, long max) throws IOException {
            byte[] head = new byte[variant.labelBytes()];
            for (long k = 0; k < max; k++) {
                long at = in.position();
                int got = in.readUpTo(head, 0, head.length);
                if (got == 0) {
                    if (max != Long.MAX_VALUE) {
                        throw in.corrupt(at, max + " records", "end of file after " + k);
                    }
                    return;
                }
                if (got < head.length) {
                    throw in.corrupt(at, "a whole " + variant.recordBytes() + "-byte " + variant + " record", got + " bytes before end of file");
                }
                if (n == fine.length) {
                    int cap = Math.max(16, n * 2);
                    pixels = java.util.Arrays.copyOf(pixels, Math.multiplyExact(cap, IMAGE_BYTES));
                    fine = java.util.Arrays.copyOf(fine, cap);
                    coarse = coarse == null ? null : java.util.Arrays.copyOf(coarse, cap);
                }
                int f = head[head.length - 1] & 0xFF;
                if (variant == Variant.CIFAR100) {
                    int c = head[0] & 0xFF;
                    if (c >= COARSE_CLASSES) {
                        throw in.corrupt(at, "a coarse label in 0.." + (COARSE_CLASSES - 1), String.valueOf(c));
                    }
                    coarse[n] = (byte) c;
                }
                if (f >= variant.classes()) {
                    throw in.corrupt(at + variant.labelBytes() - 1, "a label in 0.." + (variant.classes() - 1), String.valueOf(f));
                }
                fine[n] = (byte) f;
                long px = in.position();
                int p = in.readUpTo(pixels, n * IMAGE_BYTES, IMAGE_BYTES);
                if (p < IMAGE_BYTES) {
                    throw in.corrupt(at, "a whole " + variant.recordBytes() + "-byte " + variant + " record",
                            (px - at + p) + " bytes before end of file");
                }
                n++;
            }
        }
    }

    /** Which dataset this is. */
    public Variant variant() {
        return variant;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int numClasses() {
        return labels == Labels.COARSE ? COARSE_CLASSES : variant.classes();
    }

    /** The label of sample i (fine, or coarse when opened with {@link Labels#COARSE}). */
    public int label(int i) {
        return labels == Labels.COARSE ? coarseLabel(i) : fineLabel(i);
    }

    /** The fine label (CIFAR-10: the label) of sample i. */
    public int fineLabel(int i) {
        return fine[check(i)] & 0xFF;
    }

    /** The CIFAR-100 super-class of sample i. */
    public int coarseLabel(int i) {
        if (coarse == null) {
            throw new UnsupportedOperationException("CIFAR-10 has no coarse labels");
        }
        return coarse[check(i)] & 0xFF;
    }

    /** Raw unsigned pixel (0..255) of sample i, channel c (0 = red), row r, column col. */
    public int pixel(int i, int c, int r, int col) {
        return pixels[check(i) * IMAGE_BYTES + (c * SIZE + r) * SIZE + col] & 0xFF;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + count);
        }
        return i;
    }

    @Override
    public Sample get(int i) {
        check(i);
        float[] out = new float[IMAGE_BYTES];
        int base = i * IMAGE_BYTES;
        for (int k = 0; k < IMAGE_BYTES; k++) {
            out[k] = (pixels[base + k] & 0xFF) / 255f;
        }
        return new Sample(Nd4j.create(out, new long[] {CHANNELS, SIZE, SIZE}, DataType.FLOAT), label(i));
    }

    /**
     * The papers' training augmentation: random crop 32 with zero padding 4, horizontal flip (p =
     * 0.5), per-channel normalisation, then, if {@code cutout}, one Cutout hole of
     * {@link Variant#cutoutLength()} (DeVries and Taylor's order: after normalisation).
     */
    public static ImageTransform trainTransform(Variant variant, boolean cutout) {
        ImageTransform t = new RandomCrop(SIZE, 4).andThen(new HorizontalFlip(0.5)).andThen(variant.normalize());
        return cutout ? t.andThen(new Cutout(1, variant.cutoutLength())) : t;
    }

    /** The test-time transform: per-channel normalisation only. */
    public static ImageTransform testTransform(Variant variant) {
        return variant.normalize();
    }
}
