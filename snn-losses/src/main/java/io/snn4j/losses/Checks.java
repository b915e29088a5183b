package io.snn4j.losses;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument validation shared by the losses; every message names the offending parameter or shape. */
final class Checks {
    private Checks() {
    }

    static double epsilon(double epsilon) {
        if (!(epsilon >= 0.0 && epsilon < 1.0)) {
            throw new IllegalArgumentException("label smoothing epsilon must be in [0, 1), got " + epsilon);
        }
        return epsilon;
    }

    static double lambda(String name, double lambda) {
        if (!(lambda >= 0.0 && lambda <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + lambda);
        }
        return lambda;
    }

    static double phi(double phi) {
        if (!Double.isFinite(phi)) {
            throw new IllegalArgumentException("MSE target phi must be finite, got " + phi);
        }
        return phi;
    }

    /** Checks {@code outputs} is a FLOAT/DOUBLE {@code [T, B, K]} array with T, B, K ≥ 1; returns {T, B, K}. */
    static int[] outputsShape(String who, INDArray outputs) {
        if (outputs == null) {
            throw new IllegalArgumentException(who + ": outputs must not be null");
        }
        long[] s = outputs.shape();
        if (s.length != 3) {
            throw new IllegalArgumentException(who + ": outputs must have rank 3 [T, B, K] (per-step logits), got shape "
                    + Arrays.toString(s));
        }
        for (long d : s) {
            if (d < 1 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(who + ": outputs shape " + Arrays.toString(s)
                        + " must have every dimension in [1, 2^31)");
            }
        }
        DataType dt = outputs.dataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE) {
            throw new IllegalArgumentException(who + ": outputs must be FLOAT or DOUBLE, got " + dt);
        }
        return new int[] {(int) s[0], (int) s[1], (int) s[2]};
    }

    static int[] outputsShape(String who, Tensor outputs) {
        if (outputs == null) {
            throw new IllegalArgumentException(who + ": outputs must not be null");
        }
        return outputsShape(who, outputs.value());
    }

    /** Checks labels has length B and entries in [0, K). */
    static void labels(String who, int[] labels, int[] tbk) {
        if (labels == null) {
            throw new IllegalArgumentException(who + ": labels must not be null");
        }
        String shape = "[T=" + tbk[0] + ", B=" + tbk[1] + ", K=" + tbk[2] + "]";
        if (labels.length != tbk[1]) {
            throw new IllegalArgumentException(who + ": labels has length " + labels.length
                    + " but outputs " + shape + " has batch size B=" + tbk[1]);
        }
        for (int b = 0; b < labels.length; b++) {
            if (labels[b] < 0 || labels[b] >= tbk[2]) {
                throw new IllegalArgumentException(who + ": label " + labels[b] + " at index " + b
                        + " is outside [0, K=" + tbk[2] + ") for outputs " + shape);
            }
        }
    }

    /** The values of any array as a row-major double[] (a copy). */
    static double[] toDoubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
