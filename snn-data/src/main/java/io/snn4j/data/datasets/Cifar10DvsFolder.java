package io.snn4j.data.datasets;

import io.snn4j.data.Split;
import io.snn4j.data.events.EventReaders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR10-DVS (Li et al. 2017) from {@code root/<class>/*.aedat} (AEDAT 2.0 original) or
 * {@code *.aedat4} (the common mirror), 128 x 128, 10 classes; it has no official split, so a seeded
 * {@link PerClassSplit} (default 90 % train per class) is used.
 */
public final class Cifar10DvsFolder {
    /** Class directory names in label order. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    /** Default per-class training fraction. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.9;

    private Cifar10DvsFolder() {
    }

    /** Opens a split with 90/10 per class; {@code cacheRoot} may be null. */
    public static EventFrameDataset open(Path root, Split split, long seed, FrameConfig config, Path cacheRoot) throws IOException {
        return open(root, split, DEFAULT_TRAIN_FRACTION, seed, config, cacheRoot);
    }

    /** Opens a split with a custom per-class train fraction. */
    public static EventFrameDataset open(Path root, Split split, double trainFraction, long seed, FrameConfig config,
                                         Path cacheRoot) throws IOException {
        List<EventFrameDataset.Entry> entries = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            Path dir = Folders.child(root, CLASSES.get(c));
            for (Path f : PerClassSplit.select(Folders.files(dir, ".aedat", ".aedat4"), c, split, trainFraction, seed)) {
                entries.add(EventFrameDataset.Entry.whole(f, c, Folders.key(root, f)));
            }
        }
        return new EventFrameDataset(entries, EventReaders::open, config, CLASSES.size(), 128, 128, cacheRoot);
    }
}
