package io.snn4j.bench.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.snn4j.bench.experiments.ResultsTable.Format;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.train.SampleBatches.Encoding;
import io.snn4j.losses.LossSpec;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, table 4 (TET Table 4's point): the accuracy of each single time step's output, and of the time mean,
 * for a TET-trained and an SDT-trained network on Fashion-MNIST. TET trains every step's output, so its early
 * steps should already be accurate; SDT only trains the mean.
 */
@Tag("experiment")
class Ablation4PerStepExperiment {
    static final String NAME = "Ablation4PerStepExperiment";
    /** 2 losses × 3 seeds × 2 epochs over 20,000 images at T = 4: the scale of docs/experiments.md's table. */
    static final ExperimentScale DEFAULTS = new ExperimentScale(20000, 2000, 2, 3, 32, 4, "small", 1e-3,
            Path.of("target/experiments"), false);

    @Test
    void perStepAccuracyOfTetAndSdt() throws IOException {
        ExperimentScale scale = DEFAULTS.withOverrides();
        ExperimentData.Splits data = ExperimentData.fashionMnist(scale);
        BatchSource train = ExperimentRuns.training(data.train(), scale, Normalize.fashionMnist(), Encoding.DIRECT);
        BatchSource test = ExperimentRuns.evaluation(data.test(), Normalize.fashionMnist(), Encoding.DIRECT);
        ResultsTable table = new ResultsTable("Ablation 4: per-time-step accuracy, TET vs SDT");
        for (int t = 1; t <= scale.timeSteps(); t++) {
            table.column("acc t=" + t, Format.PERCENT);
        }
        table.column("acc of the mean", Format.PERCENT);
        for (String loss : List.of("sdt", "tet")) {
            for (int seed = 0; seed < scale.seeds(); seed++) {
                long s = seed;
                ModelOptions o = ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                        .neurons(Neurons.lif(LifConfig.tet())).seed(s).build();
                TrainingResult r = ExperimentRuns.fit(ExperimentRuns.runDirectory(scale, NAME, loss, s),
                        t -> ExperimentRuns.model(scale.model(), o), LossSpec.of(loss, null, null, null).build(),
                        train, test, scale, s, c -> c);
                double[] perStep = r.evaluation().perStepAccuracy();
                for (int t = 0; t < perStep.length; t++) {
                    table.add(loss.toUpperCase() + "-trained", "acc t=" + (t + 1), perStep[t]);
                }
                table.add(loss.toUpperCase() + "-trained", "acc of the mean", r.evaluation().meanOutputAccuracy());
            }
        }
        ExperimentRuns.finish(table, scale, data, NAME);
    }
}
