package io.snn4j.data;

/**
 * Unchecked exception for malformed data files (truncated, wrong magic, bad header, short record,
 * impossible values); the message names the file, the byte offset and what was expected vs found.
 */
public final class CorruptDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;

    /**
     * @param source   file path or resource name
     * @param offset   byte offset in the (decompressed, where stated) stream where the problem was found
     * @param expected what the format requires at that offset
     * @param found    what the file holds instead
     */
    public CorruptDataException(String source, long offset, String expected, String found) {
        super(source + ": at byte offset " + offset + ": expected " + expected + ", found " + found);
        this.source = source;
        this.offset = offset;
    }

    /** Same as {@link #CorruptDataException(String, long, String, String)} with a cause. */
    public CorruptDataException(String source, long offset, String expected, String found, Throwable cause) {
        super(source + ": at byte offset " + offset + ": expected " + expected + ", found " + found, cause);
        this.source = source;
        this.offset = offset;
    }

    /** The file path or resource name. */
    public String source() {
        return source;
    }

    /** The byte offset at which the problem was detected. */
    public long offset() {
        return offset;
    }
}
