package io.snn4j.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.snn4j.core.nn.Module;

/**
 * The outcome of {@link Trainer#fit()}: the trained model, its evaluation on the test data after the last epoch
 * (also when a finished run is resumed: the model is evaluated again), the best test accuracy and its epoch
 * (1-based; 0 when none), the metrics of every epoch (the rows of {@code metrics.csv}) and the run directory.
 */
public record TrainingResult(Module model, Evaluation evaluation, double bestAccuracy, int bestEpoch,
                             List<Map<String, Double>> history, Path runDirectory) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** Test accuracy of the final model (the objective's prediction rule). */
    public double testAccuracy() {
        return evaluation == null ? Double.NaN : evaluation.accuracy();
    }
}
