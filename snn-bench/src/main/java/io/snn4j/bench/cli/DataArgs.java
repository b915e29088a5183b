package io.snn4j.bench.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import io.snn4j.data.Split;
import io.snn4j.data.augment.CenterCrop;
import io.snn4j.data.augment.HorizontalFlip;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.augment.RandomResizedCrop;
import io.snn4j.data.augment.Resize;
import io.snn4j.data.cifar.CifarDataset;
import io.snn4j.data.datasets.Cifar10DvsFolder;
import io.snn4j.data.datasets.DvsGestureFolder;
import io.snn4j.data.datasets.EventFrameDataset;
import io.snn4j.data.datasets.FrameConfig;
import io.snn4j.data.datasets.ImageFolder;
import io.snn4j.data.datasets.NCaltech101Folder;
import io.snn4j.data.datasets.NMnistFolder;
import io.snn4j.data.frames.DvsAugment;
import io.snn4j.data.frames.ResizeMode;
import io.snn4j.data.frames.SplitMethod;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.data.idx.ImageDataset;
import io.snn4j.data.idx.Mnist;
import picocli.CommandLine.Option;

/**
 * The data options of {@code train} and {@code eval}: the dataset ({@code --data KIND[=DIR]}), event-frame
 * options (event data only), batch size and a limit on the training samples. {@link #open} checks them against
 * the dataset and opens both splits; a missing directory names how to get the data.
 */
final class DataArgs {
    /** The datasets {@code --data} accepts. */
    enum DataKind {
        FASHION_MNIST_SUBSET(false, false), FASHION_MNIST(true, false), MNIST(true, false),
        CIFAR10(true, false), CIFAR100(true, false), IMAGEFOLDER(true, false), NMNIST(true, true),
        DVS_GESTURE(true, true), CIFAR10_DVS(true, true), NCALTECH101(true, true);

        final boolean needsDir;
        final boolean events;

        DataKind(boolean needsDir, boolean events) {
            this.needsDir = needsDir;
            this.events = events;
        }

        String usage() {
            return ChoiceConverter.label(this) + (needsDir ? "=DIR" : "");
        }

        static String all() {
            return Arrays.stream(values()).map(DataKind::usage).collect(Collectors.joining(", "));
        }
    }

    /** How events are split into T frames. */
    enum FrameSplit {
        COUNT(SplitMethod.BY_COUNT), TIME(SplitMethod.BY_TIME);

        final SplitMethod method;

        FrameSplit(SplitMethod method) {
            this.method = method;
        }
    }

    @Option(names = "--data", defaultValue = "fashion-mnist-subset", paramLabel = "KIND[=DIR]",
            description = "fashion-mnist-subset (embedded, 2,000 + 1,000 images), fashion-mnist=DIR, mnist=DIR (IDX "
                    + "files), cifar10=DIR, cifar100=DIR (the binary distribution; get them with "
                    + "snn-data/scripts/fetch-datasets.sh), imagefolder=DIR (DIR/train/<class>/<image>, "
                    + "DIR/val/<class>/<image>; JPEG/PNG), or event data nmnist=DIR, dvs-gesture=DIR, "
                    + "cifar10-dvs=DIR, ncaltech101=DIR (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--frames", paramLabel = "count|time",
            description = "event data: split the events into T frames of equal count (default) or equal time")
    FrameSplit frames;

    @Option(names = "--resize", paramLabel = "S", description = "event data: resize frames to S x S (antialiased "
            + "bilinear); imagefolder: the image size S x S (train: random resized crop; test: shorter side to "
            + "S*256/224, centre crop S; default 224)")
    Integer resize;

    @Option(names = "--cache", paramLabel = "DIR", description = "event data: cache integrated frames in DIR")
    Path cache;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "B", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--limit", paramLabel = "N", description = "train on N training samples only (a subset drawn by --seed)")
    Integer limit;

    /** The opened splits and what the model and the batches need to know about them. */
    record Opened(SampleSource train, SampleSource test, int channels, int size, boolean events,
                  ImageTransform trainTransform, ImageTransform testTransform) {
        /** The shape of one sample at one time step, {@code [C, H, W]}. */
        long[] stepShape() {
            return new long[] {channels, size, size};
        }
    }

    DataKind kind() {
        int eq = data.indexOf('=');
        String name = (eq < 0 ? data : data.substring(0, eq)).trim();
        for (DataKind k : DataKind.values()) {
            if (ChoiceConverter.label(k).equalsIgnoreCase(name)) {
                if (k.needsDir != (eq >= 0)) {
                    throw new UsageException(k.needsDir ? "--data " + name + "=DIR needs the dataset's directory"
                            : "--data " + name + " takes no directory");
                }
                return k;
            }
        }
        throw new UsageException("--data: unknown dataset '" + name + "'; expected one of " + DataKind.all());
    }

    Path dir() {
        return Path.of(data.substring(data.indexOf('=') + 1));
    }

    /** Rejects values and options that do not apply to the dataset, without opening it. */
    void check(CliCommand c) {
        CliCommand.positive("--batch", batch);
        if (limit != null) {
            CliCommand.positive("--limit", limit);
        }
        if (resize != null) {
            CliCommand.positive("--resize", resize);
        }
        DataKind k = kind();
        if (!k.events) {
            String why = "to image data (--data " + ChoiceConverter.label(k) + "); they are event-frame options";
            if (k == DataKind.IMAGEFOLDER) {
                c.rejectGiven(why, "--frames", "--cache");     // --resize S: the image size
            } else {
                c.rejectGiven(why, "--frames", "--resize", "--cache");
            }
        }
        if (k.needsDir && !Files.isDirectory(dir())) {
            throw new UsageException(missing(k, dir(), "no such directory: " + dir()));
        }
    }

    private static String missing(DataKind k, Path dir, String what) {
        String name = ChoiceConverter.label(k);
        return what + switch (k) {
            case FASHION_MNIST, MNIST -> " (get " + name + " with: snn-data/scripts/fetch-datasets.sh " + name + " " + dir + ")";
            case CIFAR10, CIFAR100 -> " (download " + (k == DataKind.CIFAR10 ? "cifar-10" : "cifar-100")
                    + "-binary.tar.gz from the CIFAR page, then: snn-data/scripts/fetch-datasets.sh " + name + " " + dir
                    + " TARBALL; see docs/data.md)";
            case IMAGEFOLDER -> " (lay the images out as " + dir + "/train/<class>/<image>.jpg|.jpeg|.png and "
                    + dir + "/val/<class>/<image>...; see docs/data.md)";
            default -> " (" + name + " is not fetched by snn-data/scripts/fetch-datasets.sh: download it and lay it "
                    + "out as docs/data.md describes)";
        };
    }

    /** The image size of {@code --data imagefolder}: {@code --resize S}, default 224. */
    int imageSize() {
        return resize == null ? DEFAULT_IMAGE_SIZE : resize;
    }

    /** The ImageNet image size, the default of {@code --resize} for {@code imagefolder}. */
    static final int DEFAULT_IMAGE_SIZE = 224;

    /** Opens both splits for sequences of {@code timeSteps} (event frames are integrated into T frames). */
    Opened open(int timeSteps, long seed) throws IOException {
        DataKind k = kind();
        SampleSource train;
        SampleSource test;
        try {
            train = split(k, Split.TRAIN, timeSteps, seed);
            test = split(k, Split.TEST, timeSteps, seed);
        } catch (NoSuchFileException e) {
            throw new UsageException(missing(k, dir(), "no such file: " + e.getFile()), e);
        } catch (FileNotFoundException e) {
            throw new UsageException(e.getMessage().contains("fetch-datasets.sh") ? e.getMessage()
                    : missing(k, dir(), e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data " + data + ": " + e.getMessage(), e);   // e.g. an empty class folder
        }
        if (train.size() == 0) {
            throw new UsageException("--data " + data + ": the training split holds no samples");
        }
        if (test.size() == 0) {
            throw new UsageException("--data " + data + ": the test split holds no samples");
        }
        if (limit != null) {
            train = Subset.random(train, Math.min(limit, train.size()), seed);
        }
        if (k.events) {
            int[] s = ((EventFrameDataset) train(train)).sampleShape();       // [T, 2, H, W]
            int[] t = ((EventFrameDataset) test).sampleShape();
            if (s[2] != s[3]) {
                throw new UsageException("--data " + data + ": frames are " + s[2] + "x" + s[3]
                        + "; the models take square inputs (use --resize S)");
            }
            if (!Arrays.equals(s, t)) {
                throw new UsageException("--data " + data + ": test frames " + Arrays.toString(t)
                        + " differ from training frames " + Arrays.toString(s));
            }
            return new Opened(train, test, s[1], s[2], true, DvsAugment.tet(), null);
        }
        if (k == DataKind.CIFAR10 || k == DataKind.CIFAR100) {
            CifarDataset.Variant v = ((CifarDataset) train(train)).variant();
            return new Opened(train, test, CifarDataset.CHANNELS, CifarDataset.SIZE, false,
                    CifarDataset.trainTransform(v, false), CifarDataset.testTransform(v));
        }
        if (k == DataKind.IMAGEFOLDER) {
            List<String> trainClasses = ((ImageFolder) train(train)).classes();
            List<String> testClasses = ((ImageFolder) test).classes();
            if (!trainClasses.equals(testClasses)) {
                throw new UsageException("--data " + data + ": the class folders of val " + testClasses
                        + " differ from those of train " + trainClasses);
            }
            int size = imageSize();
            int shorter = (int) Math.round(size * 256.0 / 224.0);
            ImageTransform tr = new RandomResizedCrop(size).andThen(new HorizontalFlip(0.5)).andThen(Normalize.imageNet());
            ImageTransform te = Resize.shorterSide(shorter).andThen(new CenterCrop(size)).andThen(Normalize.imageNet());
            return new Opened(train, test, 3, size, false, tr, te);
        }
        ImageDataset tr = (ImageDataset) train(train);
        ImageDataset te = (ImageDataset) test;
        if (tr.rows() != tr.cols()) {
            throw new UsageException("--data " + data + ": images are " + tr.rows() + "x" + tr.cols()
                    + "; the models take square inputs");
        }
        if (te.rows() != tr.rows() || te.cols() != tr.cols()) {
            throw new UsageException("--data " + data + ": test images are " + te.rows() + "x" + te.cols()
                    + ", training images " + tr.rows() + "x" + tr.cols());
        }
        Normalize norm = k == DataKind.MNIST ? Normalize.mnist() : Normalize.fashionMnist();
        return new Opened(train, test, 1, tr.rows(), false, norm, norm);
    }

    private static SampleSource train(SampleSource s) {
        return s instanceof Subset f ? f.source() : s;
    }

    private SampleSource split(DataKind k, Split split, int timeSteps, long seed) throws IOException {
        if (!k.events) {
            return switch (k) {
                case FASHION_MNIST_SUBSET -> FashionMnist.embeddedSubset(split);
                case FASHION_MNIST -> FashionMnist.fromDirectory(dir(), split);
                case CIFAR10 -> CifarDataset.cifar10(dir(), split);
                case CIFAR100 -> CifarDataset.cifar100(dir(), split);
                case IMAGEFOLDER -> new ImageFolder(dir().resolve(split == Split.TRAIN ? "train" : "val"));
                default -> Mnist.fromDirectory(dir(), split);
            };
        }
        FrameConfig fc = FrameConfig.of(timeSteps, (frames == null ? FrameSplit.COUNT : frames).method);
        if (resize != null) {
            fc = fc.resized(resize, ResizeMode.BILINEAR_ANTIALIAS);
        }
        return switch (k) {
            case NMNIST -> NMnistFolder.open(dir(), split, fc, cache);
            case DVS_GESTURE -> DvsGestureFolder.open(dir(), split, fc, cache);
            case CIFAR10_DVS -> Cifar10DvsFolder.open(dir(), split, seed, fc, cache);
            default -> NCaltech101Folder.open(dir(), split, Cifar10DvsFolder.DEFAULT_TRAIN_FRACTION, seed, fc, cache);
        };
    }

    /**
     * {@code n} samples of a source drawn without replacement by {@code seed}, in the source's order:
     * {@code --limit N} trains on exactly N samples (a random subset, since folders are ordered by class).
     */
    record Subset(SampleSource source, int[] indices) implements SampleSource {
        static Subset random(SampleSource source, int n, long seed) {
            int[] all = new int[source.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {                  // partial Fisher-Yates: the first n are the draw
                int j = i + rng.nextInt(all.length - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            int[] picked = Arrays.copyOf(all, n);
            Arrays.sort(picked);
            return new Subset(source, picked);
        }

        @Override
        public int size() {
            return indices.length;
        }

        @Override
        public Sample get(int i) {
            return source.get(indices[i]);
        }

        @Override
        public int numClasses() {
            return source.numClasses();
        }
    }
}
