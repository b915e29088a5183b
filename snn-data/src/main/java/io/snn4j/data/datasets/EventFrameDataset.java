package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import io.snn4j.data.events.EventReader;
import io.snn4j.data.events.EventStream;
import io.snn4j.data.frames.FrameIntegrator;
import io.snn4j.data.frames.FrameResize;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled set of event recordings (or time slices of them) turned into FLOAT frames
 * [T, 2, H, W] by {@link FrameIntegrator} and {@link FrameResize}, optionally through a
 * {@link FrameCache}; the common core of the DVS dataset folders.
 */
public class EventFrameDataset implements SampleSource {
    /**
     * One sample: a file, its label, an optional time slice [startUs, endUs) (start &gt; end = whole
     * file), a cache key (the file's path relative to the dataset root, plus the slice where there is
     * one; see {@link FrameCache}).
     */
    public record Entry(Path file, int label, long startUs, long endUs, String key) {
        /** A whole recording. */
        public static Entry whole(Path file, int label, String key) {
            return new Entry(file, label, 1, 0, key);
        }

        /** True when the entry is a time slice. */
        public boolean sliced() {
            return startUs <= endUs;
        }
    }

    /** Opens a reader for a file of this dataset. */
    @FunctionalInterface
    public interface ReaderFactory {
        EventReader open(Path file) throws IOException;
    }

    private final List<Entry> entries;
    private final ReaderFactory readers;
    private final FrameConfig config;
    private final int numClasses;
    private final int height;
    private final int width;
    private final int sensorH;
    private final int sensorW;
    private final FrameCache cache;

    /**
     * @param sensorH  sensor height of every recording (a recording of another resolution is a
     *                 {@link CorruptDataException} naming it)
     * @param sensorW  sensor width
     * @param cacheRoot directory of the frame cache, or null for none
     */
    public EventFrameDataset(List<Entry> entries, ReaderFactory readers, FrameConfig config, int numClasses,
                             int sensorH, int sensorW, Path cacheRoot) {
        this.entries = List.copyOf(entries);
        this.readers = readers;
        this.config = config;
        this.numClasses = numClasses;
        this.sensorH = sensorH;
        this.sensorW = sensorW;
        this.height = config.resizes() ? config.resizeH() : sensorH;
        this.width = config.resizes() ? config.resizeW() : sensorW;
        this.cache = cacheRoot == null ? null : new FrameCache(cacheRoot, config);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** The entries, in sample order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The frame configuration. */
    public FrameConfig config() {
        return config;
    }

    /** Shape of every sample: [T, 2, H, W]. */
    public int[] sampleShape() {
        return new int[] {config.frames(), 2, height, width};
    }

    @Override
    public Sample get(int i) {
        Entry e = entries.get(i);
        try {
            float[] data = null;
            FrameCache.Fingerprint source = null;
            if (cache != null) {
                source = FrameCache.Fingerprint.of(e.file());
                FrameCache.Entry c = cache.read(e.key(), source, sampleShape());
                if (c != null) {
                    data = c.data();
                }
            }
            if (data == null) {
                data = computeAndCache(e, source);
            }
            long[] s = {config.frames(), 2, height, width};
            return new Sample(Nd4j.create(data, s, DataType.FLOAT), e.label());
        } catch (IOException ex) {
            throw new UncheckedIOException(e.file() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads the entry's recording once; for sliced recordings (DVS Gesture) every slice of the same
     * file is integrated and cached in the same pass. {@code source} is the recording's fingerprint
     * taken before it is read (null without a cache): a recording that changes meanwhile mismatches
     * on the next access and is recomputed.
     */
    private float[] computeAndCache(Entry wanted, FrameCache.Fingerprint source) throws IOException {
        EventStream all;
        try (EventReader r = readers.open(wanted.file())) {
            if (r.width() != sensorW || r.height() != sensorH) {
                throw new CorruptDataException(wanted.file().toString(), 0, "a " + sensorW + " x " + sensorH
                        + " recording (the sensor of every recording of this dataset)", "a " + r.width() + " x " + r.height()
                        + " " + r.format().displayName() + " recording");
            }
            all = r.readAll();
        }
        List<Entry> same = new ArrayList<>();
        if (cache != null && wanted.sliced()) {
            for (Entry e : entries) {
                if (e.file().equals(wanted.file())) {
                    same.add(e);
                }
            }
        } else {
            same.add(wanted);
        }
        float[] result = null;
        for (Entry e : same) {
            EventStream s = e.sliced() ? all.sliceByTime(e.startUs(), e.endUs()) : all;
            float[] frames = frames(s);
            if (cache != null) {
                cache.write(e.key(), source, sampleShape(), frames, e.label());
            }
            if (e.equals(wanted)) {
                result = frames;
            }
        }
        return result;
    }

    /** Integrates (and resizes) one event stream to [T, 2, H, W] floats. */
    public float[] frames(EventStream s) {
        float[] f = new FrameIntegrator(config.frames(), config.method()).integrateToArray(s);
        if (config.resizes()) {
            f = new FrameResize(config.resizeH(), config.resizeW(), config.resizeMode())
                    .resize(f, config.frames() * 2, s.height(), s.width());
        }
        return f;
    }
}
