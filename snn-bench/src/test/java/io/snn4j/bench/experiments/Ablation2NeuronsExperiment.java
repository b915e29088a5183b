package io.snn4j.bench.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import io.snn4j.bench.experiments.ResultsTable.Format;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.train.SampleBatches.Encoding;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Issue 12, table 2: LIF vs LM-H (standard config: starts as LIF, learns its dendrite/soma scalars) vs MPE-PSN with
 * its membrane loss on (λmem = 0.01), same model, TET loss, on Fashion-MNIST: accuracy and training seconds per
 * epoch (forward, backward, step; evaluation excluded).
 */
@Tag("experiment")
class Ablation2NeuronsExperiment {
    static final String NAME = "Ablation2NeuronsExperiment";
    /** 3 neurons × 3 seeds × 2 epochs over 20,000 images at T = 4: the scale of docs/experiments.md's table. */
    static final ExperimentScale DEFAULTS = new ExperimentScale(20000, 2000, 2, 3, 32, 4, "small", 1e-3,
            Path.of("target/experiments"), false);

    @Test
    void lifVersusLmhVersusMpePsn() throws IOException {
        ExperimentScale scale = DEFAULTS.withOverrides();
        ExperimentData.Splits data = ExperimentData.fashionMnist(scale);
        BatchSource train = ExperimentRuns.training(data.train(), scale, Normalize.fashionMnist(), Encoding.DIRECT);
        BatchSource test = ExperimentRuns.evaluation(data.test(), Normalize.fashionMnist(), Encoding.DIRECT);
        ResultsTable table = new ResultsTable("Ablation 2: LIF vs LM-H vs MPE-PSN (membrane loss on)")
                .column("test acc", Format.PERCENT).column("train s/epoch", Format.SECONDS)
                .column("firing rate", Format.NUMBER);
        Map<String, LongFunction<NeuronFactory>> neurons = new LinkedHashMap<>();
        neurons.put("LIF", seed -> Neurons.lif(LifConfig.tet()));
        neurons.put("LM-H", seed -> Neurons.lmh(LmhConfig.standard(), DataType.FLOAT));
        neurons.put("MPE-PSN (λmem 0.01)", seed -> Neurons.mpePsn(MpePsnConfig.standard(), scale.timeSteps(),
                DataType.FLOAT, seed));
        for (Map.Entry<String, LongFunction<NeuronFactory>> n : neurons.entrySet()) {
            for (int seed = 0; seed < scale.seeds(); seed++) {
                long s = seed;
                ModelOptions o = ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                        .neurons(n.getValue().apply(s)).seed(s).build();
                TrainingResult r = ExperimentRuns.fit(ExperimentRuns.runDirectory(scale, NAME, n.getKey(), s),
                        t -> ExperimentRuns.model(scale.model(), o), new TetLoss(), train, test, scale, s,
                        c -> c.auxiliaryLossWeight(0.01));
                table.add(n.getKey(), "test acc", r.testAccuracy());
                table.add(n.getKey(), "train s/epoch", ExperimentRuns.trainSecondsPerEpoch(r));
                Double rate = r.evaluation().extras().get("firing_rate");
                if (rate != null) {
                    table.add(n.getKey(), "firing rate", rate);
                }
            }
        }
        table.note("train s/epoch is wall time on a shared machine: compare ratios within one run, not across runs");
        ExperimentRuns.finish(table, scale, data, NAME);
    }
}
