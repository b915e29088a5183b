package io.snn4j.core.nn;

import java.util.Locale;

/**
 * What a configuration is estimated to need, in bytes, by {@link MemoryEstimator}.
 *
 * @param activationBytes the arrays of one step (forward outputs over all T steps of the batch, times
 *                        {@link MemoryEstimator#TRAINING_FACTOR} when training)
 * @param inputBytes      the input batch {@code [T, B, ...]}
 * @param parameterBytes  parameters, and when training their gradients and two optimizer moments
 */
public record MemoryEstimate(long activationBytes, long inputBytes, long parameterBytes) {
    public MemoryEstimate {
        if (activationBytes < 0 || inputBytes < 0 || parameterBytes < 0) {
            throw new IllegalArgumentException("byte counts must be >= 0 (an overflow?), got activations "
                    + activationBytes + ", input " + inputBytes + ", parameters " + parameterBytes);
        }
    }

    /** The sum, saturating at {@link Long#MAX_VALUE}. */
    public long totalBytes() {
        long s = activationBytes + inputBytes;
        s = s < 0 ? Long.MAX_VALUE : s + parameterBytes;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** True when {@link #totalBytes()} is at most {@code budgetBytes}. */
    public boolean fitsIn(long budgetBytes) {
        return totalBytes() <= budgetBytes;
    }

    /** e.g. {@code 28.6 GiB (activations 28.5 GiB, input 25.0 MiB, parameters 1.1 MiB)}. */
    @Override
    public String toString() {
        return format(totalBytes()) + " (activations " + format(activationBytes) + ", input " + format(inputBytes)
                + ", parameters " + format(parameterBytes) + ")";
    }

    /** Bytes in the largest binary unit that keeps the number at least 1, one decimal. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
