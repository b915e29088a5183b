package io.snn4j.data.events;

import java.io.IOException;

/**
 * A streaming reader of one event recording: {@link #nextBatch()} decodes the next chunk, so a
 * recording never has to be held in memory twice.
 */
public interface EventReader extends AutoCloseable {
    /** The file format. */
    EventFormat format();

    /** Sensor width declared by the format or file; every x is in [0, width). */
    int width();

    /** Sensor height; every y is in [0, height). */
    int height();

    /** The next chunk of events, or null at the end of the recording. */
    EventBatch nextBatch() throws IOException;

    /**
     * Reads every remaining event into one stream, sorted stably by timestamp: {@link #nextBatch()}
     * delivers events in file order, which real recordings do not always keep.
     */
    default EventStream readAll() throws IOException {
        EventStream.Builder b = new EventStream.Builder(width(), height());
        EventBatch batch;
        while ((batch = nextBatch()) != null) {
            b.add(batch);
        }
        return b.build();
    }

    @Override
    void close() throws IOException;
}
