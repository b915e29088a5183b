package io.snn4j.core.autograd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock time per recorded operation name, forward and backward, for benchmarks (where does a
 * training step go?). Install it on the current thread for a region with {@link #attach}; the tape
 * then charges each operation's forward time (the time since the previous operation was recorded on
 * this thread, or since {@link #mark}: operations compute eagerly and record afterwards) and each
 * node's backward function time to the operation's name. Time the tape spends between backward
 * functions (zero-filling, accumulating gradients) is charged to {@code "(tape)"}. Not thread-safe:
 * one profile per thread.
 */
public final class OpProfile {
    private static final ThreadLocal<OpProfile> CURRENT = new ThreadLocal<>();

    private final Map<String, long[]> forwardNanos = new LinkedHashMap<>();
    private final Map<String, long[]> backwardNanos = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Records on this thread into {@code profile} until the returned scope is closed. */
    public static GradMode.Scope attach(OpProfile profile) {
        OpProfile previous = CURRENT.get();
        CURRENT.set(profile);
        profile.mark();
        return () -> CURRENT.set(previous);
    }

    static OpProfile current() {
        return CURRENT.get();
    }

    /** Starts the clock for the next operation's forward time (call before a forward pass). */
    public void mark() {
        last = System.nanoTime();
    }

    void forwardRecorded(String op) {
        long now = System.nanoTime();
        forwardNanos.computeIfAbsent(op, k -> new long[1])[0] += now - last;
        last = now;
    }

    void backwardRan(String op, long nanos) {
        backwardNanos.computeIfAbsent(op, k -> new long[1])[0] += nanos;
    }

    /** Forward milliseconds by operation name, in first-seen order. */
    public Map<String, Double> forwardMillis() {
        return millis(forwardNanos);
    }

    /** Backward milliseconds by operation name, in first-seen order. */
    public Map<String, Double> backwardMillis() {
        return millis(backwardNanos);
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        forwardNanos.clear();
        backwardNanos.clear();
        mark();
    }

    private static Map<String, Double> millis(Map<String, long[]> m) {
        Map<String, Double> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(k, v[0] / 1e6));
        return r;
    }
}
