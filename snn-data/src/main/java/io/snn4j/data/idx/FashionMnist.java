package io.snn4j.data.idx;

import io.snn4j.data.Split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence, Zalando SE): 28x28 grey images in 10
 * classes, from a local directory or the embedded subset (first 200 training and 100 test images
 * per class) shipped in this jar.
 */
public final class FashionMnist {
    /** Class names by label. */
    public static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};
    private static final String RESOURCE_DIR = "/io/snn4j/data/fashion-mnist-subset/";

    private FashionMnist() {
    }

    /**
     * The embedded subset: 2,000 training or 1,000 test images (balanced), read from the classpath;
     * needs no network or files.
     */
    public static ImageDataset embeddedSubset(Split split) {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        String images = RESOURCE_DIR + prefix + "-images-idx3-ubyte.gz";
        String labels = RESOURCE_DIR + prefix + "-labels-idx1-ubyte.gz";
        try (InputStream im = open(images); InputStream lb = open(labels)) {
            return ImageDataset.load(im, "classpath:" + images, lb, "classpath:" + labels, 10);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedded Fashion-MNIST subset", e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = FashionMnist.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing classpath resource " + resource);
        }
        return in;
    }

    /**
     * The full dataset from a directory holding the standard file names, raw or gzipped (e.g.
     * /usr/share/datasets/fashion-mnist after {@code apt-get install dataset-fashion-mnist}).
     */
    public static ImageDataset fromDirectory(Path dir, Split split) throws IOException {
        return IdxDirectory.load(dir, split);
    }
}
