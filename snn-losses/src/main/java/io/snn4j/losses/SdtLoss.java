package io.snn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Standard direct training loss {@code L_SDT = CE(mean_t O[t], y)} (Deng et al., ICLR 2022, eq. 7; docs/spec.md §6).
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
        return aggregateCrossEntropy(o, t, b, k, labels, grad, scale, t);
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
