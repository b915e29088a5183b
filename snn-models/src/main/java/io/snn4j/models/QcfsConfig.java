package io.snn4j.models;

/**
 * Hyperparameters of a QCFS activation layer (Bu et al., ICLR 2022): L quantisation levels and the initial
 * value of the learnable threshold λ.
 *
 * @param levels           L ≥ 1 (the QCFS code uses 4 or 8; the converted SNN matches the ANN exactly for
 *                         constant inputs at T = L)
 * @param initialThreshold λ at initialisation, finite and {@code > 0} (8.0 in the QCFS code)
 */
public record QcfsConfig(int levels, double initialThreshold) {

    public QcfsConfig {
        if (levels < 1) {
            throw new IllegalArgumentException("QCFS levels L must be >= 1, got " + levels);
        }
        if (!(initialThreshold > 0) || Double.isInfinite(initialThreshold)) {
            throw new IllegalArgumentException("QCFS initialThreshold must be finite and > 0, got " + initialThreshold);
        }
    }

    /** L = 8, λ = 8 (the QCFS reference code's defaults). */
    public static QcfsConfig standard() {
        return new QcfsConfig(8, 8.0);
    }
}
