package io.snn4j.data.events;

import io.snn4j.data.io.CheckedInput;

import java.io.IOException;

/**
 * A reader of a stream of fixed-size event records: {@link #nextBatch()} reads up to
 * {@value #CHUNK_EVENTS} records, rejects a partial trailing record at its offset, and has
 * {@link #decode} turn each record into one event.
 */
abstract class FixedRecordReader extends CheckedEventReader {
    private static final int CHUNK_EVENTS = 16384;

    private final int record;
    private final String expectedRecord;
    private final byte[] buf;

    /**
     * {@code record} is the size of one record in bytes; {@code expectedRecord} says what a partial
     * trailing record should have been, in the error message.
     */
    FixedRecordReader(CheckedInput in, EventFormat format, int width, int height, int record, String expectedRecord) {
        super(in, format, width, height);
        this.record = record;
        this.expectedRecord = expectedRecord;
        this.buf = new byte[record * CHUNK_EVENTS];
    }

    /**
     * Decodes the record at {@code b[o..o+record)}, which starts at byte {@code offset} of the file,
     * into entry {@code i} of the arrays; records are decoded in file order. Returns false for a
     * record that is no event (a marker the format defines; entry {@code i} is then reused). A bad
     * record throws {@code in.corrupt(offset, ...)}.
     */
    abstract boolean decode(byte[] b, int o, long offset, int i, long[] t, int[] x, int[] y, byte[] p);

    @Override
    public final EventBatch nextBatch() throws IOException {
        long start = in.position();
        int n = in.readUpTo(buf, 0, buf.length);
        if (n == 0) {
            return null;
        }
        if (n % record != 0) {
            long recordStart = start + (n / record) * (long) record;
            throw in.corrupt(recordStart, expectedRecord, (n % record) + " bytes before end of file");
        }
        int m = n / record;
        long[] t = new long[m];
        int[] x = new int[m];
        int[] y = new int[m];
        byte[] p = new byte[m];
        int kept = 0;
        for (int o = 0; o < n; o += record) {
            if (decode(buf, o, start + o, kept, t, x, y, p)) {
                kept++;
            }
        }
        return new EventBatch(t, x, y, p, kept);
    }
}
