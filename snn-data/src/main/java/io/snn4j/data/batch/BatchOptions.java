package io.snn4j.data.batch;

import io.snn4j.data.augment.ImageTransform;

/**
 * Immutable settings of a {@link BatchIterator}: batch size, seed, shuffling, drop-last, an optional
 * per-sample transform and the prefetch depth (0 = no background thread).
 */
public final class BatchOptions {
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int prefetch;
    private final ImageTransform transform;

    private BatchOptions(Builder b) {
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.transform = b.transform;
    }

    /** A builder with batch size 32, seed 0, shuffling on, drop-last off, no transform, no prefetch. */
    public static Builder builder() {
        return new Builder();
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public boolean dropLast() {
        return dropLast;
    }

    /** Batches decoded ahead on the background thread; 0 = decode on the caller's thread. */
    public int prefetch() {
        return prefetch;
    }

    /** Per-sample transform (augmentation) or null. */
    public ImageTransform transform() {
        return transform;
    }

    /** The same settings with another seed (a training loop's per-run seed). */
    public BatchOptions withSeed(long newSeed) {
        return builder().batchSize(batchSize).seed(newSeed).shuffle(shuffle).dropLast(dropLast).prefetch(prefetch)
                .transform(transform).build();
    }

    /** Builder of {@link BatchOptions}. */
    public static final class Builder {
        private int batchSize = 32;
        private long seed;
        private boolean shuffle = true;
        private boolean dropLast;
        private int prefetch;
        private ImageTransform transform;

        private Builder() {
        }

        public Builder batchSize(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("batchSize must be positive: " + v);
            }
            batchSize = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder shuffle(boolean v) {
            shuffle = v;
            return this;
        }

        public Builder dropLast(boolean v) {
            dropLast = v;
            return this;
        }

        /** Number of batches to prepare ahead on one background thread (0 = none). */
        public Builder prefetch(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("prefetch must be >= 0: " + v);
            }
            prefetch = v;
            return this;
        }

        /** Per-sample transform; its generator is seeded from (seed, epoch, sample index). */
        public Builder transform(ImageTransform v) {
            transform = v;
            return this;
        }

        public BatchOptions build() {
            return new BatchOptions(this);
        }
    }
}
