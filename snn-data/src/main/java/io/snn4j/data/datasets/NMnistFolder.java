package io.snn4j.data.datasets;

import io.snn4j.data.Split;
import io.snn4j.data.events.NMnistBinReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * N-MNIST (Orchard et al. 2015) from its extracted layout {@code root/Train/<digit>/*.bin} and
 * {@code root/Test/<digit>/*.bin}; 34 x 34 sensor, 10 classes.
 */
public final class NMnistFolder {
    private NMnistFolder() {
    }

    /** Opens a split; {@code cacheRoot} may be null (no frame cache). */
    public static EventFrameDataset open(Path root, Split split, FrameConfig config, Path cacheRoot) throws IOException {
        Path base = Folders.child(root, root, split == Split.TRAIN ? "Train" : "Test", split == Split.TRAIN ? "train" : "test");
        List<EventFrameDataset.Entry> entries = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            Path classDir = Folders.child(root, base, String.valueOf(d));
            for (Path f : Folders.files(root, classDir, ".bin")) {
                entries.add(EventFrameDataset.Entry.whole(f, d, Folders.key(root, f)));
            }
        }
        Folders.requireSamples(entries.size(), "N-MNIST", base, "<digit>/*.bin recordings for digits 0-9");
        return new EventFrameDataset(entries, NMnistBinReader::nmnist, config, 10,
                NMnistBinReader.NMNIST_SIZE, NMnistBinReader.NMNIST_SIZE, cacheRoot);
    }
}
