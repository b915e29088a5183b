package io.snn4j.data;

/** Random access to a dataset's samples, the input of {@link io.snn4j.data.batch.BatchIterator}. */
public interface SampleSource {
    /** Number of samples. */
    int size();

    /** Sample {@code i} (0 &lt;= i &lt; size()); must be safe to call from a background thread. */
    Sample get(int i);

    /** Number of classes (labels are in [0, numClasses)). */
    int numClasses();
}
