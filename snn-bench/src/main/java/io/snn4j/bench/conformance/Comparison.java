package io.snn4j.bench.conformance;

import java.util.Arrays;
import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Field comparisons of the runner contract: {@code |actual − expected| ≤ atol + rtol·|expected|}, spikes exactly. */
public final class Comparison {
    private final double atol;
    private final double rtol;

    public Comparison(double atol, double rtol) {
        this.atol = atol;
        this.rtol = rtol;
    }

    /** Empty if every element is within tolerance, else a description of the first mismatch. */
    public Optional<String> close(String field, INDArray actual, INDArray expected) {
        if (actual == null) {
            return Optional.of(field + ": not produced");
        }
        if (!Arrays.equals(actual.shape(), expected.shape()) && actual.length() != expected.length()) {
            return Optional.of(field + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        }
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                return Optional.of(String.format("%s: element %d is %.9g, expected %.9g (atol %.1g, rtol %.1g)",
                        field, i, a[i], e[i], atol, rtol));
            }
        }
        return Optional.empty();
    }

    public Optional<String> close(String field, double actual, double expected) {
        if (!(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected))) {
            return Optional.of(String.format("%s: %.9g, expected %.9g", field, actual, expected));
        }
        return Optional.empty();
    }

    /** Exact equality (spikes). */
    public static Optional<String> exact(String field, INDArray actual, INDArray expected) {
        if (actual == null) {
            return Optional.of(field + ": not produced");
        }
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (a.length != e.length) {
            return Optional.of(field + ": " + a.length + " values, expected " + e.length);
        }
        for (int i = 0; i < e.length; i++) {
            if (a[i] != e[i]) {
                return Optional.of(field + ": element " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
        return Optional.empty();
    }
}
