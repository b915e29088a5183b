package io.snn4j.data.train;

import java.util.SplittableRandom;

import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.LabeledBatch;
import io.snn4j.data.SampleSource;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.batch.Batch;
import io.snn4j.data.batch.BatchIterator;
import io.snn4j.data.batch.BatchOptions;
import io.snn4j.data.encode.DirectEncoder;
import io.snn4j.data.encode.LatencyEncoder;
import io.snn4j.data.encode.PoissonEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An {@code snn-data} dataset as the {@code Trainer}'s {@link BatchSource}: {@link BatchIterator} batches (order
 * and augmentation drawn from the trainer's seed and the epoch, so a resumed run sees the same data) encoded to
 * {@code [T, B, ...]}: static samples {@code [C, H, W]} by direct encoding (repeated T times, docs/spec.md §7), Poisson
 * or latency coding; time-major samples {@code [T, C, H, W]} (event frames) are passed through.
 *
 * <pre>{@code
 * BatchSource train = SampleBatches.training(FashionMnist.embeddedSubset(Split.TRAIN), 32, Normalize.fashionMnist());
 * BatchSource test = SampleBatches.evaluation(FashionMnist.embeddedSubset(Split.TEST), 128, Normalize.fashionMnist());
 * }</pre>
 */
public final class SampleBatches implements BatchSource {

    /** How samples become {@code [T, B, ...]} inputs. */
    public enum Encoding {
        /** Time-major samples ({@code [T, C, H, W]}) as they are, static ones by {@link #DIRECT} encoding. */
        AUTO,
        /** The static input at every step ({@link DirectEncoder}). */
        DIRECT,
        /** Bernoulli spikes with the pixel intensity as probability ({@link PoissonEncoder}), seeded per batch. */
        POISSON,
        /** One spike per input, earlier for larger values ({@link LatencyEncoder}). */
        LATENCY
    }

    private final SampleSource source;
    private final BatchOptions options;
    private final Encoding encoding;

    private SampleBatches(Builder b) {
        source = b.source;
        options = b.options.build();
        encoding = b.encoding;
    }

    /** Training batches: shuffled each epoch, {@code transform} (normalisation, augmentation; may be null). */
    public static SampleBatches training(SampleSource source, int batchSize, ImageTransform transform) {
        return builder(source).batchSize(batchSize).transform(transform).build();
    }

    /** Evaluation batches: in dataset order, {@code transform} (normalisation only; may be null). */
    public static SampleBatches evaluation(SampleSource source, int batchSize, ImageTransform transform) {
        return builder(source).batchSize(batchSize).shuffle(false).transform(transform).build();
    }

    public static Builder builder(SampleSource source) {
        return new Builder(source);
    }

    public SampleSource source() {
        return source;
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public Epoch epoch(long seed, int epoch, int timeSteps) {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("SampleBatches: timeSteps must be > 0, got " + timeSteps);
        }
        BatchIterator it = new BatchIterator(source, options.withSeed(seed), epoch);
        return new Epoch() {
            private int index;

            @Override
            public int batchCount() {
                return it.batchCount();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public LabeledBatch next() {
                Batch b = it.next();
                INDArray x = encode(b.x(), timeSteps, seed, epoch, index++);
                return new LabeledBatch(x, b.labels());
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    /** x is {@code [T, B, C, H, W]} for time-major samples, {@code [B, ...]} otherwise. */
    private INDArray encode(INDArray x, int timeSteps, long seed, int epoch, int batch) {
        boolean timeMajor = x.rank() == 5;
        if (timeMajor) {
            if (encoding != Encoding.AUTO) {
                throw new IllegalArgumentException("SampleBatches: the samples are already time-major "
                        + java.util.Arrays.toString(x.shape()) + "; encoding " + encoding + " applies to static samples");
            }
            return x;
        }
        return switch (encoding) {
            case AUTO, DIRECT -> new DirectEncoder(timeSteps).encode(x);
            case LATENCY -> new LatencyEncoder(timeSteps).encode(x);
            case POISSON -> new PoissonEncoder(timeSteps).encode(x, new SplittableRandom(mix(mix(seed, epoch), batch)));
        };
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Builder of {@link SampleBatches}: batch size 32, shuffled, keep the last partial batch, no prefetch, AUTO. */
    public static final class Builder {
        private final SampleSource source;
        private final BatchOptions.Builder options = BatchOptions.builder();   // its defaults are this builder's
        private Encoding encoding = Encoding.AUTO;

        private Builder(SampleSource source) {
            if (source == null) {
                throw new IllegalArgumentException("SampleBatches: source must not be null");
            }
            this.source = source;
        }

        public Builder batchSize(int v) {
            options.batchSize(v);
            return this;
        }

        public Builder shuffle(boolean v) {
            options.shuffle(v);
            return this;
        }

        public Builder dropLast(boolean v) {
            options.dropLast(v);
            return this;
        }

        /** Batches prepared ahead on a background thread (same batches as without). */
        public Builder prefetch(int v) {
            options.prefetch(v);
            return this;
        }

        /** Per-sample transform (normalisation, augmentation), seeded from (seed, epoch, sample); null for none. */
        public Builder transform(ImageTransform v) {
            options.transform(v);
            return this;
        }

        public Builder encoding(Encoding v) {
            if (v == null) {
                throw new IllegalArgumentException("SampleBatches: encoding must not be null");
            }
            encoding = v;
            return this;
        }

        public SampleBatches build() {
            return new SampleBatches(this);
        }
    }
}
