package io.snn4j.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that is not a valid {@code SNN4JCKP} file (docs/checkpoints.md): wrong magic or
 * version, truncated, a manifest that does not parse or does not fit the file, or a CRC32 mismatch.
 * The message names the file, the byte offset and what was expected.
 */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CheckpointFormatException(Path file, long offset, String what) {
        super(file + ": invalid checkpoint at byte offset " + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    /** The file that failed to load. */
    public Path file() {
        return file;
    }

    /** The byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}
