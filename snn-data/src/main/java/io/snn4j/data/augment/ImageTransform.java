package io.snn4j.data.augment;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/** A per-sample transform of a FLOAT tensor whose last axes are [C, H, W]; randomness only from {@code rng}. */
@FunctionalInterface
public interface ImageTransform {
    /** Returns the transformed sample (a new array; the input is not modified). */
    INDArray apply(INDArray x, RandomGenerator rng);

    /** This transform followed by {@code next}. */
    default ImageTransform andThen(ImageTransform next) {
        return (x, rng) -> next.apply(apply(x, rng), rng);
    }
}
