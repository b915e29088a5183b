package io.snn4j.bench.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.CosineSchedule;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.Evaluation;
import io.snn4j.core.train.Objective;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.SampleSource;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.train.SampleBatches;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.Models;
import io.snn4j.neurons.FiringRateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of an experiment through the {@code Trainer} (the library API a user has): Adam with a cosine
 * schedule to 0 over the scale's epochs, gradient clipping at norm 5, a run directory per configuration and seed
 * ({@code <results>/<experiment>/<configuration>/seed-<s>} with config, metrics CSV, checkpoints and chart).
 */
public final class ExperimentRuns {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRuns.class);

    private ExperimentRuns() {
    }

    /**
     * A model by {@code Models} name ({@code small}, {@code snn5}, {@code vggsnn}, ...) or, when the name is not
     * one of those, a {@link ConvSnn} spec string such as {@code 16C3-AP2-32C3-AP2-FC}.
     */
    public static Module model(String nameOrSpec, ModelOptions o) {
        return Models.NAMES.contains(nameOrSpec) ? Models.create(nameOrSpec, o, "add") : new ConvSnn(nameOrSpec, o);
    }

    /** Training batches of the scale's batch size, shuffled by the trainer's seed. */
    public static BatchSource training(SampleSource s, ExperimentScale scale, ImageTransform t,
                                       SampleBatches.Encoding encoding) {
        return SampleBatches.builder(s).batchSize(scale.batchSize()).transform(t).encoding(encoding).build();
    }

    /** Test batches in dataset order. */
    public static BatchSource evaluation(SampleSource s, ImageTransform t, SampleBatches.Encoding encoding) {
        return SampleBatches.builder(s).batchSize(256).shuffle(false).transform(t).encoding(encoding).build();
    }

    /** The run directory of one configuration and seed. */
    public static Path runDirectory(ExperimentScale scale, String experiment, String configuration, long seed) {
        return scale.results().resolve(experiment).resolve(slug(configuration)).resolve("seed-" + seed);
    }

    /**
     * Trains {@code model} (a function of T, for time inheritance) with {@code loss} at the scale's epochs, T and
     * learning rate; {@code tweak} may change the trainer configuration (auxiliary-loss weight, TIT stages, ...).
     */
    public static TrainingResult fit(Path runDir, IntFunction<Module> model, Objective loss, BatchSource train,
                                     BatchSource test, ExperimentScale scale, long seed,
                                     UnaryOperator<TrainerConfig.Builder> tweak) throws IOException {
        TrainerConfig.Builder cfg = TrainerConfig.builder().epochs(scale.epochs()).timeSteps(scale.timeSteps()).seed(seed)
                .schedule(CosineSchedule.toZero(scale.lr(), scale.epochs())).clipGradNorm(5.0)
                .recipe("model", scale.model()).recipe("scale", scale.describe());
        return Trainer.builder()
                .model(model)
                .loss(loss)
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(scale.lr())))
                .trainData(train).testData(test)
                .config(tweak.apply(cfg).build())
                .listener(new FiringRateListener())
                .runDirectory(runDir)
                .build().fit();
    }

    /** Evaluates a trained model at {@code timeSteps} with {@code loss}'s prediction rule. */
    public static Evaluation evaluate(Module model, Objective loss, BatchSource test, int timeSteps) {
        return Trainer.builder().model(model).loss(loss).testData(test)
                .config(TrainerConfig.builder().timeSteps(timeSteps).build())
                .build().evaluate();
    }

    /** Mean training seconds per epoch (forward, backward and step; evaluation excluded) from the metrics rows. */
    public static double trainSecondsPerEpoch(TrainingResult r) {
        double sum = 0;
        int n = 0;
        for (Map<String, Double> row : r.history()) {
            Double t = row.get("train_time_s");
            if (t != null) {
                sum += t;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Adds the scale, the data source and the wall time to the table's notes, writes it to
     * {@code <results>/<experiment>/results.md} (and {@code .csv}), logs it, and returns the folder.
     *
     * @throws IllegalStateException a percent column holds a value outside [0, 1] or a non-finite value
     */
    public static Path finish(ResultsTable table, ExperimentScale scale, ExperimentData.Splits data, String experiment)
            throws IOException {
        table.checkFractions();
        table.note("scale: " + scale.describe());
        table.note("data: " + data.source() + " (" + data.train().size() + " training / " + data.test().size()
                + " test images)");
        table.note(String.format(Locale.ROOT, "wall time %.1f min (machine: see docs/experiments.md)",
                table.elapsedSeconds() / 60));
        Path dir = scale.results().resolve(experiment);
        table.writeTo(dir);
        LOG.info("results of {} in {}:\n{}", experiment, dir.toAbsolutePath(), table.toMarkdown());
        return dir;
    }

    /** A file-name-safe form of a configuration label. */
    public static String slug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.=+-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "run" : s;
    }
}
