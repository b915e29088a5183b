package io.snn4j.bench.train;

import io.snn4j.core.train.BatchSource;
import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import io.snn4j.data.Split;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.data.train.SampleBatches;

/** Small slices of the embedded Fashion-MNIST subset for fast Trainer tests. */
final class TinyData {
    private TinyData() {
    }

    static SampleSource first(SampleSource s, int n) {
        return new SampleSource() {
            @Override
            public int size() {
                return Math.min(n, s.size());
            }

            @Override
            public Sample get(int i) {
                return s.get(i);
            }

            @Override
            public int numClasses() {
                return s.numClasses();
            }
        };
    }

    static BatchSource train(int n, int batch) {
        return SampleBatches.training(first(FashionMnist.embeddedSubset(Split.TRAIN), n), batch, Normalize.fashionMnist());
    }

    static BatchSource test(int n) {
        return SampleBatches.evaluation(first(FashionMnist.embeddedSubset(Split.TEST), n), 64, Normalize.fashionMnist());
    }
}
