package io.snn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Standard direct training loss {@code L_SDT = CE(mean_t O[t], y)} (Deng et al., ICLR 2022, eq. 7; SPEC §6).
 */
public class SdtLoss extends CrossEntropyLoss {

    /** Plain one-hot targets. */
    public SdtLoss() {
        this(0.0);
    }

    /** With label smoothing ε in [0, 1). */
    public SdtLoss(double epsilon) {
        super(epsilon);
    }

    @Override
    double evaluate(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale) {
        double[] mean = new double[k];
        double[] gMean = grad == null ? null : new double[k];
        double total = 0.0;
        for (int j = 0; j < b; j++) {
            sumOverTime(o, t, b, k, j, mean);
            for (int i = 0; i < k; i++) {
                mean[i] /= t;
            }
            if (gMean != null) {
                java.util.Arrays.fill(gMean, 0.0);
            }
            total += rowCrossEntropy(mean, 0, k, labels[j], gMean, 0, 1.0);
            if (grad != null) {
                // d mean / d O[s] = 1/T for every step
                double c = scale / ((double) b * t);
                for (int s = 0; s < t; s++) {
                    int off = (s * b + j) * k;
                    for (int i = 0; i < k; i++) {
                        grad[off + i] += c * gMean[i];
                    }
                }
            }
        }
        return total / b;
    }

    @Override
    public int[] predict(INDArray outputs) {
        return argmaxOfTimeMean(getClass().getSimpleName(), outputs);
    }

    @Override
    public String name() {
        return "sdt";
    }
}
