package io.snn4j.data.idx;

import io.snn4j.data.Split;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the standard MNIST-layout IDX file pair ({@code train|t10k}-{@code images-idx3|labels-idx1}
 * {@code -ubyte}, raw or {@code .gz}) in a directory and loads it.
 */
final class IdxDirectory {
    private IdxDirectory() {
    }

    static ImageDataset load(Path dir, Split split) throws IOException {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        return ImageDataset.load(images, labels, 10);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base, base + ".gz", base.replace("-idx", ".idx"), base.replace("-idx", ".idx") + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new FileNotFoundException(dir.resolve(base) + "[.gz] not found (expected the standard IDX file names; "
                + "see snn-data/scripts/fetch-datasets.sh)");
    }
}
