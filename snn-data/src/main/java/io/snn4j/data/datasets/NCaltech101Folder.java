package io.snn4j.data.datasets;

import io.snn4j.data.Split;
import io.snn4j.data.events.NMnistBinReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * N-Caltech101 (Orchard et al. 2015) from {@code root/<class>/*.bin}: classes are the sub-directory
 * names in sorted order; 240 x 180 as in SpikingJelly; the dataset has no split, so a seeded
 * {@link PerClassSplit} is used.
 */
public final class NCaltech101Folder {
    private NCaltech101Folder() {
    }

    /** Opens a split with a per-class train fraction and seed; {@code cacheRoot} may be null. */
    public static EventFrameDataset open(Path root, Split split, double trainFraction, long seed, FrameConfig config,
                                         Path cacheRoot) throws IOException {
        List<Path> classes = Folders.dirs(root, root);
        List<EventFrameDataset.Entry> entries = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (Path f : PerClassSplit.select(Folders.files(root, classes.get(c), ".bin"), c, split, trainFraction, seed)) {
                entries.add(EventFrameDataset.Entry.whole(f, c, Folders.key(root, f)));
            }
        }
        Folders.requireSamples(entries.size(), "N-Caltech101 " + split, root, "<class>/*.bin recordings");
        return new EventFrameDataset(entries, NMnistBinReader::ncaltech101, config, classes.size(),
                NMnistBinReader.NCALTECH_HEIGHT, NMnistBinReader.NCALTECH_WIDTH, cacheRoot);
    }
}
