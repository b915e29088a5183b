package io.snn4j.data.datasets;

import io.snn4j.data.Split;
import io.snn4j.data.events.Aedat31Reader;
import io.snn4j.data.events.GestureLabels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DVS128 Gesture (Amir et al. 2017) from its own layout: {@code root/trials_to_train.txt} and
 * {@code trials_to_test.txt} list AEDAT 3.1 recordings ({@code userNN_lighting.aedat}); each has a
 * {@code userNN_lighting_labels.csv} whose rows slice it into labelled samples (11 classes, 128 x 128).
 */
public final class DvsGestureFolder {
    private DvsGestureFolder() {
    }

    /** Opens a split; {@code cacheRoot} may be null. Each recording is read once per cache fill. */
    public static EventFrameDataset open(Path root, Split split, FrameConfig config, Path cacheRoot) throws IOException {
        Path list = Folders.child(root, split == Split.TRAIN ? "trials_to_train.txt" : "trials_to_test.txt");
        List<EventFrameDataset.Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            Path rec = root.resolve(name);
            if (!Files.isRegularFile(rec)) {
                throw new java.io.FileNotFoundException(rec + " (listed in " + list + ") not found");
            }
            String stem = name.endsWith(".aedat") ? name.substring(0, name.length() - ".aedat".length()) : name;
            Path csv = root.resolve(stem + "_labels.csv");
            for (GestureLabels.Segment s : GestureLabels.read(csv)) {
                // the key holds the slice and label: an edited label CSV gives new keys, never stale frames
                entries.add(new EventFrameDataset.Entry(rec, s.label(), s.startUs(), s.endUs(),
                        name + "@" + s.startUs() + "-" + s.endUs() + "/c" + s.label()));
            }
        }
        return new EventFrameDataset(entries, Aedat31Reader::new, config, GestureLabels.CLASSES, 128, 128, cacheRoot);
    }
}
