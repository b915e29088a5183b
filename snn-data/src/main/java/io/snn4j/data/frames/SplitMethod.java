package io.snn4j.data.frames;

/** How a recording is cut into T frames (SpikingJelly {@code split_by='number'} / {@code 'time'}). */
public enum SplitMethod {
    /** T segments of N / T events (integer division); the last segment takes the remainder. */
    BY_COUNT,
    /** T windows of dt = (t_last - t_first) / T µs (integer division); the last window runs to the end. */
    BY_TIME
}
