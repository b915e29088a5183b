package io.snn4j.data.frames;

import io.snn4j.data.events.EventStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Integrates events into T frames of two polarity channels as SpikingJelly does
 * ({@code cal_fixed_frames_number_segment_index} + {@code integrate_events_segment_to_frame}, Fang et
 * al. 2023): channel 0 counts OFF events (p = 0), channel 1 ON events (p = 1); each pixel holds the
 * number of events in its segment.
 *
 * <p>Segment rules, for N events with timestamps t[0..N-1] (non-decreasing):
 * <ul>
 * <li>{@link SplitMethod#BY_COUNT}: di = N / T (integer division); segment i = [i·di, (i+1)·di), the
 * last segment is [(T-1)·di, N) and so takes the remainder.</li>
 * <li>{@link SplitMethod#BY_TIME}: dt = (t[N-1] - t[0]) / T (integer division); window i holds the
 * events with t[0] + i·dt &lt;= t &lt; t[0] + (i+1)·dt, except the last, which holds every event from
 * t[0] + (T-1)·dt to the end (so the remainder of the span and t[N-1] land there). SpikingJelly fails
 * on an empty window; here an empty window gives an all-zero frame.</li>
 * </ul>
 * Output layout is [T, 2, H, W], row-major (index = ((t·2 + c)·H + y)·W + x).
 */
public final class FrameIntegrator {
    private final int frames;
    private final SplitMethod method;

    /** An integrator producing {@code frames} frames split by {@code method}. */
    public FrameIntegrator(int frames, SplitMethod method) {
        if (frames <= 0) {
            throw new IllegalArgumentException("frames must be positive: " + frames);
        }
        this.frames = frames;
        this.method = java.util.Objects.requireNonNull(method, "method");
    }

    /** Number of frames T. */
    public int frames() {
        return frames;
    }

    /** The split method. */
    public SplitMethod method() {
        return method;
    }

    /**
     * Segment bounds: {@code [i][0]} = first event index, {@code [i][1]} = one past the last, for each
     * of the T segments, per the rules in the class comment.
     */
    public int[][] segments(long[] t) {
        int n = t.length;
        int[][] seg = new int[frames][2];
        if (method == SplitMethod.BY_COUNT) {
            int di = n / frames;
            for (int i = 0; i < frames; i++) {
                seg[i][0] = i * di;
                seg[i][1] = i == frames - 1 ? n : (i + 1) * di;
            }
            return seg;
        }
        if (n == 0) {
            return seg;
        }
        long t0 = t[0];
        long dt = (t[n - 1] - t0) / frames;
        for (int i = 0; i < frames; i++) {
            long lo = t0 + dt * i;
            long hi = lo + dt;
            int l = EventStream.lowerBound(t, lo);
            int r = i == frames - 1 ? n : EventStream.lowerBound(t, hi);
            seg[i][0] = Math.min(l, r);
            seg[i][1] = r;
        }
        return seg;
    }

    /** Frames as a flat float array [T, 2, H, W] at the stream's own resolution. */
    public float[] integrateToArray(EventStream events) {
        int h = events.height();
        int w = events.width();
        int plane = h * w;
        float[] out = new float[frames * 2 * plane];
        int[][] seg = segments(events.t());
        int[] x = events.x();
        int[] y = events.y();
        byte[] p = events.p();
        for (int f = 0; f < frames; f++) {
            int base = f * 2 * plane;
            for (int i = seg[f][0]; i < seg[f][1]; i++) {
                int c = p[i] == 0 ? 0 : 1;
                out[base + c * plane + y[i] * w + x[i]] += 1f;
            }
        }
        return out;
    }

    /** Frames as a FLOAT INDArray [T, 2, H, W]. */
    public INDArray integrate(EventStream events) {
        return Nd4j.create(integrateToArray(events), new long[] {frames, 2, events.height(), events.width()}, DataType.FLOAT);
    }
}
