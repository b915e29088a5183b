package io.snn4j.bench.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.V0Init;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Issue 12, table 1 (the IMP slides' ablation): SDT vs TET vs TET-S (ε = 0.01) vs LTS, each with and without a
 * learnable initial membrane potential (IMP, v0 ~ U(0.4, 0.6)), on Fashion-MNIST. Accuracy is each loss's own
 * prediction rule (time mean; last step for LTS), plus the last-step accuracy.
 */
@Tag("experiment")
class Ablation1LossImpExperiment {
    static final String NAME = "Ablation1LossImpExperiment";
    /** 8 configurations × 3 seeds × 2 epochs over 10,000 images at T = 4: the scale of docs/experiments.md's table. */
    static final ExperimentScale DEFAULTS = new ExperimentScale(10000, 2000, 2, 3, 32, 4, "small", 1e-3,
            Path.of("target/experiments"), false);

    @Test
    void lossesWithAndWithoutLearnableImp() throws IOException {
        ExperimentScale scale = DEFAULTS.withOverrides();
        ExperimentData.Splits data = ExperimentData.fashionMnist(scale);
        BatchSource train = ExperimentRuns.training(data.train(), scale, Normalize.fashionMnist(), Encoding.DIRECT);
        BatchSource test = ExperimentRuns.evaluation(data.test(), Normalize.fashionMnist(), Encoding.DIRECT);
        ResultsTable table = new ResultsTable("Ablation 1: SDT / TET / TET-S / LTS, with and without learnable IMP")
                .column("test acc", Format.PERCENT).column("last-step acc", Format.PERCENT)
                .column("train s/epoch", Format.SECONDS);
        for (String loss : List.of("sdt", "tet", "tet-s", "lts")) {
            for (boolean imp : new boolean[] {false, true}) {
                String label = loss.toUpperCase() + (imp ? " + IMP" : "");
                for (int seed = 0; seed < scale.seeds(); seed++) {
                    long s = seed;
                    NeuronFactory neurons = imp ? Neurons.lifWithV0(LifConfig.tet(), V0Init.standard(), DataType.FLOAT, s)
                            : Neurons.lif(LifConfig.tet());
                    ModelOptions o = ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28).neurons(neurons)
                            .seed(s).build();
                    TrainingResult r = ExperimentRuns.fit(ExperimentRuns.runDirectory(scale, NAME, label, s),
                            t -> ExperimentRuns.model(scale.model(), o), LossSpec.of(loss, null, null, null).build(),
                            train, test, scale, s, c -> c);
                    table.add(label, "test acc", r.testAccuracy());
                    table.add(label, "last-step acc", r.evaluation().lastStepAccuracy());
                    table.add(label, "train s/epoch", ExperimentRuns.trainSecondsPerEpoch(r));
                }
            }
        }
        ExperimentRuns.finish(table, scale, data, NAME);
    }
}
