package io.snn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Last-time-step loss {@code L_LTS = CE(O[T−1], y)}, predicting from the last step too (Shen et al., NeurIPS 2024,
 * IMP paper "LTS Method &amp; Smoothed TET"; docs/spec.md §6).
 */
public class LtsLoss extends CrossEntropyLoss {

    /** Plain one-hot targets. */
    public LtsLoss() {
        this(0.0);
    }

    /** With label smoothing ε in [0, 1). */
    public LtsLoss(double epsilon) {
        super(epsilon);
    }

    @Override
    double evaluate(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale) {
        double c = scale / b;
        double total = 0.0;
        for (int j = 0; j < b; j++) {
            int off = ((t - 1) * b + j) * k;
            total += rowCrossEntropy(o, off, k, labels[j], grad, off, c);
        }
        return total / b;
    }

    @Override
    public int[] predict(INDArray outputs) {
        return argmaxOfLastStep(getClass().getSimpleName(), outputs);
    }

    @Override
    public String name() {
        return "lts";
    }
}
