package io.snn4j.data.datasets;

import io.snn4j.data.Split;
import io.snn4j.data.events.EventBatch;
import io.snn4j.data.events.EventFormat;
import io.snn4j.data.events.EventReader;
import io.snn4j.data.events.EventReaders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR10-DVS (Li et al. 2017) from {@code root/<class>/*.aedat} (AEDAT 2.0 original) or
 * {@code *.aedat4} (the common mirror), 128 x 128, 10 classes; it has no official split, so a seeded
 * {@link PerClassSplit} (default 90 % train per class) is used.
 *
 * <p>Orientation: by default, original AEDAT 2.0 recordings are remapped as SpikingJelly's loader
 * does ({@code x' = 127 − y}, {@code y' = x} in the sensor coordinates the reader decodes, i.e.
 * SpikingJelly's {@code x = 127 − y_raw}, {@code y = 127 − x_raw}), so integrated frames match its
 * caches; {@link Orientation#SENSOR} keeps the sensor axes.
 */
public final class Cifar10DvsFolder {
    /** Class directory names in label order. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    /** Default per-class training fraction. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.9;

    private Cifar10DvsFolder() {
    }

    /** Axes of the integrated frames of original AEDAT 2.0 recordings. */
    public enum Orientation {
        /** As SpikingJelly's CIFAR10-DVS loader (the default: frames match its caches). */
        SPIKINGJELLY,
        /** As the sensor's address bits define x and y. */
        SENSOR
    }

    /** Opens a split with 90/10 per class; {@code cacheRoot} may be null. */
    public static EventFrameDataset open(Path root, Split split, long seed, FrameConfig config, Path cacheRoot) throws IOException {
        return open(root, split, DEFAULT_TRAIN_FRACTION, seed, config, cacheRoot);
    }

    /** Opens a split with a custom per-class train fraction, SpikingJelly orientation. */
    public static EventFrameDataset open(Path root, Split split, double trainFraction, long seed, FrameConfig config,
                                         Path cacheRoot) throws IOException {
        return open(root, split, trainFraction, seed, config, cacheRoot, Orientation.SPIKINGJELLY);
    }

    /** Opens a split with a custom per-class train fraction and frame orientation. */
    public static EventFrameDataset open(Path root, Split split, double trainFraction, long seed, FrameConfig config,
                                         Path cacheRoot, Orientation orientation) throws IOException {
        String tag = orientation == Orientation.SPIKINGJELLY ? "sj/" : "sensor/";
        List<EventFrameDataset.Entry> entries = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            Path dir = Folders.child(root, root, CLASSES.get(c));
            for (Path f : PerClassSplit.select(Folders.files(root, dir, ".aedat", ".aedat4"), c, split, trainFraction, seed)) {
                entries.add(EventFrameDataset.Entry.whole(f, c, tag + Folders.key(root, f)));
            }
        }
        Folders.requireSamples(entries.size(), "CIFAR10-DVS " + split, root, "<class>/*.aedat or *.aedat4 recordings for "
                + "the classes " + CLASSES + ", and a train fraction that leaves " + split + " samples");
        EventFrameDataset.ReaderFactory readers = orientation == Orientation.SPIKINGJELLY
                ? Cifar10DvsFolder::openSpikingJellyOriented : EventReaders::open;
        return new EventFrameDataset(entries, readers, config, CLASSES.size(), 128, 128, cacheRoot);
    }

    /** Opens a recording; AEDAT 2.0 events come back with SpikingJelly's axes (128 × 128 sensor). */
    static EventReader openSpikingJellyOriented(Path file) throws IOException {
        EventReader r = EventReaders.open(file);
        if (r.format() != EventFormat.AEDAT2) {
            return r;
        }
        return new EventReader() {
            @Override
            public EventFormat format() {
                return r.format();
            }

            @Override
            public int width() {
                return r.height();
            }

            @Override
            public int height() {
                return r.width();
            }

            @Override
            public EventBatch nextBatch() throws IOException {
                EventBatch b = r.nextBatch();
                if (b == null) {
                    return null;
                }
                int n = b.size();
                int[] x = new int[n];
                int[] y = new int[n];
                for (int i = 0; i < n; i++) {
                    x[i] = r.height() - 1 - b.y()[i];
                    y[i] = b.x()[i];
                }
                return new EventBatch(b.t(), x, y, b.p(), n);
            }

            @Override
            public void close() throws IOException {
                r.close();
            }
        };
    }
}
