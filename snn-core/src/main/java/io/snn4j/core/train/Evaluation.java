package io.snn4j.core.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of evaluating a model on a labelled set (eval mode, no gradients): the objective's loss and
 * accuracy (the objective's own prediction rule, so LTS is scored on the last step), the accuracy of the
 * time-mean output {@code argmax mean_t O[t]} and of the last step {@code argmax O[T−1]}, the accuracy of every
 * single step {@code argmax O[t]} (TET paper, Table 4), and what listeners added (firing rate per layer, energy).
 *
 * @param samples            number of samples evaluated
 * @param loss               mean objective loss per sample (auxiliary losses excluded)
 * @param accuracy           accuracy of {@link Objective#predict}
 * @param meanOutputAccuracy accuracy of the time-mean output
 * @param lastStepAccuracy   accuracy of the last step's output
 * @param perStepAccuracy    accuracy of each step's output, length T
 * @param extras             listener metrics by name, in order
 */
public record Evaluation(int samples, double loss, double accuracy, double meanOutputAccuracy, double lastStepAccuracy,
                         double[] perStepAccuracy, Map<String, Double> extras) {
    public Evaluation {
        perStepAccuracy = perStepAccuracy.clone();
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    @Override
    public double[] perStepAccuracy() {
        return perStepAccuracy.clone();
    }

    /** Writes this evaluation into {@code m} with {@code prefix} ("test_"): loss, acc, acc_mean, acc_last, acc_t1…; extras as named. */
    public void writeTo(Metrics m, String prefix) {
        m.put(prefix + "loss", loss);
        m.put(prefix + "acc", accuracy);
        m.put(prefix + "acc_mean", meanOutputAccuracy);
        m.put(prefix + "acc_last", lastStepAccuracy);
        for (int t = 0; t < perStepAccuracy.length; t++) {
            m.put(prefix + "acc_t" + (t + 1), perStepAccuracy[t]);
        }
        extras.forEach(m::put);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Evaluation(%d samples, loss %.4f, acc %.4f, mean-output acc %.4f, "
                + "last-step acc %.4f, per-step %s, %s)", samples, loss, accuracy, meanOutputAccuracy, lastStepAccuracy,
                Arrays.toString(perStepAccuracy), extras);
    }
}
