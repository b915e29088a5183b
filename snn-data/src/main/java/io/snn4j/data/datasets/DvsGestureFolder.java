package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Split;
import io.snn4j.data.events.Aedat31Reader;
import io.snn4j.data.events.GestureLabels;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DVS128 Gesture (Amir et al. 2017) from its own layout: {@code root/trials_to_train.txt} and
 * {@code trials_to_test.txt} list AEDAT 3.1 recordings ({@code userNN_lighting.aedat}); each has a
 * {@code userNN_lighting_labels.csv} whose rows slice it into labelled samples (11 classes, 128 x 128).
 * Listed names must be relative paths inside the root (no "..", not absolute, no link out of it).
 */
public final class DvsGestureFolder {
    private DvsGestureFolder() {
    }

    /** Opens a split; {@code cacheRoot} may be null. Each recording is read once per cache fill. */
    public static EventFrameDataset open(Path root, Split split, FrameConfig config, Path cacheRoot) throws IOException {
        Path list = Folders.child(root, root, split == Split.TRAIN ? "trials_to_train.txt" : "trials_to_test.txt");
        byte[] bytes = Files.readAllBytes(list);
        List<EventFrameDataset.Entry> entries = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < bytes.length) {
            int end = lineStart;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            String name = new String(bytes, lineStart, end - lineStart, StandardCharsets.UTF_8).strip();
            long offset = lineStart;
            lineStart = end + 1;
            if (name.isEmpty()) {
                continue;
            }
            Path rec = listed(root, list, offset, name);
            String stem = name.endsWith(".aedat") ? name.substring(0, name.length() - ".aedat".length()) : name;
            Path csv = listed(root, list, offset, stem + "_labels.csv");
            for (GestureLabels.Segment s : GestureLabels.read(csv)) {
                // the key holds the slice and label: an edited label CSV gives new keys, never stale frames
                entries.add(new EventFrameDataset.Entry(rec, s.label(), s.startUs(), s.endUs(),
                        name + "@" + s.startUs() + "-" + s.endUs() + "/c" + s.label()));
            }
        }
        Folders.requireSamples(entries.size(), "DVS128 Gesture " + split, list,
                "lines naming recordings userNN_lighting.aedat with non-empty userNN_lighting_labels.csv");
        return new EventFrameDataset(entries, Aedat31Reader::new, config, GestureLabels.CLASSES, 128, 128, cacheRoot);
    }

    /**
     * The file {@code name} listed at byte {@code offset} of {@code list}: a relative path without
     * ".." that exists and does not resolve outside {@code root}.
     */
    private static Path listed(Path root, Path list, long offset, String name) throws IOException {
        Path rel;
        try {
            rel = Path.of(name);
        } catch (InvalidPathException e) {
            throw new CorruptDataException(list.toString(), offset, "a recording path", "\"" + name + "\" (" + e.getReason() + ")");
        }
        boolean up = false;
        for (Path part : rel) {
            up |= part.toString().equals("..");
        }
        if (rel.isAbsolute() || rel.getRoot() != null || up) {
            throw new CorruptDataException(list.toString(), offset, "a path relative to the dataset root without \"..\"",
                    "\"" + name + "\"");
        }
        Path p = root.resolve(rel);
        if (!Files.isRegularFile(p)) {
            throw new FileNotFoundException(p + " (listed at byte " + offset + " of " + list + ") not found");
        }
        return Folders.requireInside(root, p);
    }
}
