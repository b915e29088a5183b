package io.snn4j.data.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Event-file formats (N-MNIST/N-Caltech101 .bin of Orchard et al. 2015, jAER AEDAT 2.0, cAER
 * AEDAT 3.1, DV AEDAT 4.0), detected by their magic line or, for headerless .bin, the extension.
 */
public enum EventFormat {
    /** Headerless 5-byte records (ATIS, N-MNIST / N-Caltech101). */
    NMNIST_BIN("N-MNIST-BIN"),
    /** jAER AEDAT 2.0 ("#!AER-DAT2.0"), big-endian address + timestamp. */
    AEDAT2("AEDAT2.0"),
    /** cAER AEDAT 3.1 ("#!AER-DAT3.1"), packets with 28-byte headers. */
    AEDAT31("AEDAT3.1"),
    /** DV AEDAT 4.0 ("#!AER-DAT4.0"), FlatBuffer packets, LZ4-compressed. */
    AEDAT4("AEDAT4.0");

    private final String displayName;

    EventFormat(String displayName) {
        this.displayName = displayName;
    }

    /** Name as printed by the {@code events} command, e.g. "AEDAT4.0". */
    public String displayName() {
        return displayName;
    }

    /**
     * Detects the format: files starting with "#!AER-DAT2.0", "#!AER-DAT3.1" or "#!AER-DAT4.0" by
     * their magic, otherwise ".bin" files as N-MNIST; anything else is rejected.
     *
     * @throws IllegalArgumentException naming the file when the format is not recognised
     */
    public static EventFormat detect(Path file) throws IOException {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String magic = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (magic.startsWith("#!AER-DAT2.")) {
            return AEDAT2;
        }
        if (magic.startsWith("#!AER-DAT3.")) {
            return AEDAT31;
        }
        if (magic.startsWith("#!AER-DAT4.")) {
            return AEDAT4;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bin")) {
            return NMNIST_BIN;
        }
        if (magic.startsWith("#")) {
            // AEDAT 1.0/2.0 files from jAER may start with other '#' comment lines first
            return AEDAT2;
        }
        throw new IllegalArgumentException(file + ": unrecognised event file (expected magic #!AER-DAT2.0, "
                + "#!AER-DAT3.1, #!AER-DAT4.0 or a .bin N-MNIST file), found first bytes \""
                + magic.replaceAll("[^\\x20-\\x7e]", "?") + "\"");
    }
}
