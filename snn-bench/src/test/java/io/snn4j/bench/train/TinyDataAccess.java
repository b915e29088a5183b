package io.snn4j.bench.train;

import io.snn4j.core.train.BatchSource;

/** Public access to {@link TinyData} for tests in other packages. */
public final class TinyDataAccess {
    private TinyDataAccess() {
    }

    public static BatchSource train(int n, int batch) {
        return TinyData.train(n, batch);
    }

    public static BatchSource test(int n) {
        return TinyData.test(n);
    }
}
