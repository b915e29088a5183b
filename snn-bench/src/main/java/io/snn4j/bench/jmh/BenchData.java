package io.snn4j.bench.jmh;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** Seeded random FLOAT [T, N] blocks for the neuron benchmarks. */
final class BenchData {

    private BenchData() {
    }

    static INDArray uniform(long seed, int steps, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[steps * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return Nd4j.create(v, new long[] {steps, n}, 'c');
    }
}
