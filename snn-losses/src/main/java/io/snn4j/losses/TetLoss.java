package io.snn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Temporal efficient training loss {@code L_TET = (1/T)·Σ_t CE(O[t], y)} (Deng et al., ICLR 2022, eq. 9, gradient
 * eq. 10; docs/spec.md §6); with ε &gt; 0 it is TET-S (see {@link TetSLoss}).
 */
public class TetLoss extends CrossEntropyLoss {

    /** Plain one-hot targets. */
    public TetLoss() {
        this(0.0);
    }

    /** With label smoothing ε in [0, 1) (ε &gt; 0 is TET-S). */
    public TetLoss(double epsilon) {
        super(epsilon);
    }

    @Override
    double evaluate(double[] o, int t, int b, int k, int[] labels, double[] grad, double scale) {
        return perStepCrossEntropy(o, t, b, k, labels, grad, scale, (double) b * t);
    }

    @Override
    public int[] predict(INDArray outputs) {
        return argmaxOfTimeMean(getClass().getSimpleName(), outputs);
    }

    @Override
    public String name() {
        return epsilon() > 0 ? "tet-s" : "tet";
    }
}
