package io.snn4j.data.events;

import io.snn4j.data.io.CheckedInput;

import java.io.IOException;

/**
 * What the single-file readers with a resolution fixed at construction share: the
 * {@link CheckedInput} they decode from (its errors name the file and byte offset), the format, the
 * width and height, and closing.
 */
abstract class CheckedEventReader implements EventReader {
    /** The recording; its {@code corrupt(...)} errors name the source and offset. */
    final CheckedInput in;
    private final EventFormat format;
    private final int width;
    private final int height;

    CheckedEventReader(CheckedInput in, EventFormat format, int width, int height) {
        this.in = in;
        this.format = format;
        this.width = width;
        this.height = height;
    }

    @Override
    public final EventFormat format() {
        return format;
    }

    @Override
    public final int width() {
        return width;
    }

    @Override
    public final int height() {
        return height;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Throws, naming {@code offset}, unless the event lies on the sensor: x &lt; width and y &lt; height. */
    final void requireOnSensor(long offset, int x, int y) {
        if (x >= width || y >= height) {
            throw in.corrupt(offset, "x < " + width + " and y < " + height, "x=" + x + ", y=" + y);
        }
    }

    /** A step that reads from {@link #in}. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    /** Runs {@code header} (from a constructor); if it fails, closes {@link #in} and rethrows. */
    final void readHeaderOrClose(Step header) throws IOException {
        try {
            header.run();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads the first line, of at most 4096 bytes ({@code what} names it if it is longer or
     * unterminated), and rejects it at its offset unless it starts with {@code prefix}: the error
     * expects {@code magic} and quotes the line found, or says the file is empty.
     */
    final void requireMagicLine(String prefix, String magic, String what) throws IOException {
        long start = in.position();
        String first = in.readLine(4096, what);
        if (first == null || !first.startsWith(prefix)) {
            throw in.corrupt(start, "magic \"" + magic + "\"", first == null ? "empty file" : "\"" + clip(first) + "\"");
        }
    }

    /** A header line for an error message: non-printable characters as '?', cut to 40 characters. */
    static String clip(String s) {
        String c = s.replaceAll("[^\\x20-\\x7e]", "?");
        return c.length() > 40 ? c.substring(0, 40) + "..." : c;
    }
}
