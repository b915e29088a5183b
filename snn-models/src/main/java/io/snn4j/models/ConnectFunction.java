package io.snn4j.models;

import io.snn4j.core.autograd.Tensor;

/**
 * SEW-ResNet's element-wise connect function {@code g(A, S)} with A the block output and S the
 * identity (Fang et al., NeurIPS 2021, Table 1): ADD {@code A + S}, AND {@code A·S},
 * IAND {@code (1 − A)·S}.
 */
public enum ConnectFunction {
    ADD, AND, IAND;

    public Tensor apply(Tensor a, Tensor s) {
        return switch (this) {
            case ADD -> a.add(s);
            case AND -> a.mul(s);
            case IAND -> a.rsub(1.0).mul(s);
        };
    }

    /** Parses {@code add}, {@code and}, {@code iand} (any case). */
    public static ConnectFunction parse(String s) {
        for (ConnectFunction c : values()) {
            if (c.name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("connect function must be add, and or iand, got '" + s + "'");
    }
}
