package io.snn4j.bench.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * How large an experiment runs: training and test subset (0 = the whole split), epochs, seeds, batch size, time
 * steps, model (a {@code Models} name or a {@code ConvSnn} spec such as {@code 16C3-AP2-32C3-AP2-FC}), learning
 * rate, and where results go. An experiment states its defaults; system properties override them:
 * {@code experiment.trainSubset}, {@code experiment.testSubset}, {@code experiment.epochs},
 * {@code experiment.seeds}, {@code experiment.batch}, {@code experiment.timeSteps}, {@code experiment.model},
 * {@code experiment.lr}, {@code experiment.results} (folder, default {@code target/experiments}), and
 * {@code experiment.smoke=true}, which shrinks everything to a plumbing check (300 training and 300 test images,
 * 1 epoch, 1 seed) whose numbers mean nothing.
 */
public record ExperimentScale(int trainSubset, int testSubset, int epochs, int seeds, int batchSize, int timeSteps,
                              String model, double lr, Path results, boolean smoke) {
    /** The property prefix. */
    public static final String PREFIX = "experiment.";

    public ExperimentScale {
        nonNegative("trainSubset", trainSubset);
        nonNegative("testSubset", testSubset);
        positive("epochs", epochs);
        positive("seeds", seeds);
        positive("batch", batchSize);
        positive("timeSteps", timeSteps);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "model must not be blank");
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException(PREFIX + "lr must be > 0, got " + lr);
        }
        if (results == null) {
            throw new IllegalArgumentException(PREFIX + "results must not be null");
        }
    }

    /** This scale with the system properties' overrides (and the smoke shrink when {@code experiment.smoke=true}). */
    public ExperimentScale withOverrides() {
        return withOverrides(System.getProperties());
    }

    /** This scale with the overrides found in {@code p} (see the class comment for the keys). */
    public ExperimentScale withOverrides(Properties p) {
        boolean smokeRun = Boolean.parseBoolean(p.getProperty(PREFIX + "smoke", "false"));
        ExperimentScale base = smokeRun ? new ExperimentScale(300, 300, 1, 1, batchSize, timeSteps, model, lr, results, true)
                : this;
        return new ExperimentScale(
                intProp(p, "trainSubset", base.trainSubset),
                intProp(p, "testSubset", base.testSubset),
                intProp(p, "epochs", base.epochs),
                intProp(p, "seeds", base.seeds),
                intProp(p, "batch", base.batchSize),
                intProp(p, "timeSteps", base.timeSteps),
                p.getProperty(PREFIX + "model", base.model),
                doubleProp(p, "lr", base.lr),
                Path.of(p.getProperty(PREFIX + "results", base.results.toString())),
                smokeRun);
    }

    /** One line for the results table's header. */
    public String describe() {
        return String.format(Locale.ROOT, "train %s, test %s, %d epoch(s), %d seed(s), batch %d, T = %d, model %s, "
                        + "Adam lr %s (cosine to 0)%s",
                trainSubset == 0 ? "full split" : trainSubset + " images",
                testSubset == 0 ? "full split" : testSubset + " images",
                epochs, seeds, batchSize, timeSteps, model, lr, smoke ? " — SMOKE RUN, numbers mean nothing" : "");
    }

    private static int intProp(Properties p, String key, int def) {
        String v = p.getProperty(PREFIX + key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be an integer, got '" + v + "'", e);
        }
    }

    private static double doubleProp(Properties p, String key, double def) {
        String v = p.getProperty(PREFIX + key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a number, got '" + v + "'", e);
        }
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(PREFIX + name + " must be >= 0 (0 = whole split), got " + v);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(PREFIX + name + " must be > 0, got " + v);
        }
    }
}
