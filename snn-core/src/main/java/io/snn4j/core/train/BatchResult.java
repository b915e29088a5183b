package io.snn4j.core.train;

/**
 * What one training batch did: its loss (the mean over the slices' optimizer steps under time slicing), the loss of
 * each optimizer step it took (one, or one per slice; each computed before its step's update), the number of its
 * samples the objective predicted correctly, and the global step after it.
 */
public record BatchResult(int epoch, int batch, long globalStep, double loss, double[] stepLosses, int correct, int size) {
    public BatchResult {
        stepLosses = stepLosses.clone();
    }

    @Override
    public double[] stepLosses() {
        return stepLosses.clone();
    }
}
