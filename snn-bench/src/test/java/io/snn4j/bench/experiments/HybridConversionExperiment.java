package io.snn4j.bench.experiments;

import java.io.IOException;
import java.nio.file.Path;

import io.snn4j.bench.experiments.ResultsTable.Format;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.LrSchedule;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.train.SampleBatches.Encoding;
import io.snn4j.losses.SdtLoss;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.QcfsAnn;
import io.snn4j.models.QcfsConfig;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, table 1 (LM-H hybrid training, Hao et al. ICLR 2024 Table 2): a QCFS ANN (L = 8, λ0 = 2) is trained
 * through the {@code Trainer} as a one-step network (SDT at T = 1 is plain cross-entropy), converted to an LM-H SNN
 * ({@link QcfsAnn#toSnn}), evaluated at T = 4, 8, 16 (time-mean output), fine-tuned with STBP at T = 4 (TET, Adam
 * lr 1e-4 constant, {@code experiment.fineTuneEpochs} epochs, default 1) and evaluated again at T = 4, 8, 16.
 * The model must use average pools (the default {@code small} net does).
 */
@Tag("experiment")
class HybridConversionExperiment {
    static final String NAME = "HybridConversionExperiment";
    /** 3 seeds × (3 ANN epochs + 1 fine-tuning epoch at T = 4) over 20,000 training / 5,000 test images. */
    static final ExperimentScale DEFAULTS = new ExperimentScale(20000, 5000, 3, 3, 32, 4, "small", 1e-3,
            Path.of("target/experiments"), false);
    private static final int[] EVAL_T = {4, 8, 16};

    @Test
    void qcfsAnnConvertedToLmhBeforeAndAfterFineTuning() throws IOException {
        ExperimentScale scale = DEFAULTS.withOverrides();
        int fineTuneEpochs = Integer.parseInt(System.getProperty(ExperimentScale.PREFIX + "fineTuneEpochs",
                "1"));
        ExperimentData.Splits data = ExperimentData.fashionMnist(scale);
        BatchSource train = ExperimentRuns.training(data.train(), scale, Normalize.fashionMnist(), Encoding.DIRECT);
        BatchSource test = ExperimentRuns.evaluation(data.test(), Normalize.fashionMnist(), Encoding.DIRECT);
        ResultsTable table = new ResultsTable("LM-H hybrid training: QCFS ANN → LM-H SNN, before and after STBP fine-tuning")
                .column("test acc", Format.PERCENT);
        for (int seed = 0; seed < scale.seeds(); seed++) {
            long s = seed;
            ModelOptions o = ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                    .neurons(Neurons.lif(LifConfig.tet())).seed(s).build();
            QcfsAnn ann = new QcfsAnn(opts -> ExperimentRuns.model(scale.model(), opts), o, new QcfsConfig(8, 2.0));
            TrainingResult annRun = ExperimentRuns.fit(ExperimentRuns.runDirectory(scale, NAME, "qcfs-ann", s),
                    t -> ann.network(), new SdtLoss(), train, test, scale, s, c -> c.timeSteps(1));
            table.add("QCFS ANN (L=8)", "test acc", annRun.testAccuracy());

            Module snn = ann.toSnn(LmhConfig.standard());
            for (int t : EVAL_T) {
                table.add("converted LM-H SNN, T=" + t, "test acc", ExperimentRuns.evaluate(snn, new SdtLoss(), test, t).accuracy());
            }
            TrainingResult tuned = ExperimentRuns.fit(ExperimentRuns.runDirectory(scale, NAME, "fine-tuned-snn", s),
                    t -> snn, new TetLoss(), train, test, scale, s,
                    c -> c.epochs(fineTuneEpochs).timeSteps(4).schedule(LrSchedule.constant(1e-4)));
            for (int t : EVAL_T) {
                table.add("after " + fineTuneEpochs + " ep STBP at T=4, T=" + t, "test acc",
                        ExperimentRuns.evaluate(tuned.model(), new SdtLoss(), test, t).accuracy());
            }
        }
        table.note("evaluation uses the time-mean output (SDT prediction) at every T");
        ExperimentRuns.finish(table, scale, data, NAME);
    }
}
