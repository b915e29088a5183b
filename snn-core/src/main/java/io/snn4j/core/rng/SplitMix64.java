package io.snn4j.core.rng;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea &amp; Flood 2014; Vigna's public-domain reference {@code splitmix64.c}): a
 * 64-bit-state generator whose whole state is one {@code long}, so it can be checkpointed and
 * restored exactly.
 *
 * <p>{@link #nextLong()} is the reference algorithm (seed 0 gives {@code 0xE220A8397B1DCDAF},
 * {@code 0x6E789E6AA1B965F4}, ...). {@link #nextDouble()} uses the top 53 bits; the other methods
 * ({@code nextInt(bound)}, {@code nextGaussian()}, ...) are the JDK's {@link RandomGenerator}
 * defaults built on {@code nextLong}, so the same seed gives the same sequence for every method on
 * every JDK 17+ run. Not thread-safe; not cryptographically secure.
 */
public final class SplitMix64 implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose state is {@code seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The current state; {@code new SplitMix64(s.state())} continues the same sequence. */
    public long state() {
        return state;
    }

    /** Restores a state obtained from {@link #state()} (e.g. from a checkpoint). */
    public void setState(long state) {
        this.state = state;
    }

    /** An independent generator with the same state (the two produce the same sequence). */
    public SplitMix64 copy() {
        return new SplitMix64(state);
    }

    /**
     * A generator seeded from this one's next output (this one advances by one step); use it to
     * derive independent streams (data order, augmentation, dropout) from one seed.
     */
    public SplitMix64 split() {
        return new SplitMix64(nextLong());
    }

    @Override
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    @Override
    public String toString() {
        return "SplitMix64(state=0x" + Long.toHexString(state) + ")";
    }
}
