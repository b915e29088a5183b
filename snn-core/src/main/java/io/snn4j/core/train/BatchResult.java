package io.snn4j.core.train;

/**
 * What one training batch did: its loss (the mean over the slices' optimizer steps under time slicing), the number
 * of its samples the objective predicted correctly, and the global step after it.
 */
public record BatchResult(int epoch, int batch, long globalStep, double loss, int correct, int size) {
}
