package io.snn4j.data.events;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the right {@link EventReader} for a file by {@link EventFormat#detect(Path)}. */
public final class EventReaders {
    private EventReaders() {
    }

    /** Opens {@code file}; .bin files are read as N-MNIST (34 x 34). */
    public static EventReader open(Path file) throws IOException {
        return open(file, EventFormat.detect(file));
    }

    /** Opens {@code file} as the given format (.bin as N-MNIST 34 x 34). */
    public static EventReader open(Path file, EventFormat format) throws IOException {
        return switch (format) {
            case NMNIST_BIN -> NMnistBinReader.nmnist(file);
            case AEDAT2 -> new Aedat2Reader(file);
            case AEDAT31 -> new Aedat31Reader(file);
            case AEDAT4 -> new Aedat4Reader(file);
        };
    }
}
