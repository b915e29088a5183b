package io.snn4j.data.datasets;

import io.snn4j.data.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic per-class train/test split for datasets that ship none (CIFAR10-DVS, N-Caltech101),
 * in the spirit of SpikingJelly's {@code split_to_train_test_set}: within each class the files, sorted
 * by name, are shuffled by Fisher-Yates with {@code SplittableRandom(seed + 0x9E3779B97F4A7C15 · (class + 1))};
 * the first floor(n · trainFraction) go to TRAIN, the rest to TEST.
 */
public final class PerClassSplit {
    private PerClassSplit() {
    }

    /** The items of one class (already sorted by name) that fall in {@code split}. */
    public static <T> List<T> select(List<T> sortedItems, int classIndex, Split split, double trainFraction, long seed) {
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("trainFraction must be in [0, 1]: " + trainFraction);
        }
        List<T> items = new ArrayList<>(sortedItems);
        SplittableRandom rng = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (classIndex + 1));
        for (int i = items.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
        int nTrain = (int) Math.floor(items.size() * trainFraction);
        return split == Split.TRAIN ? items.subList(0, nTrain) : items.subList(nTrain, items.size());
    }
}
