package io.snn4j.bench.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import io.snn4j.bench.experiments.ResultsTable.Format;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.train.SampleBatches.Encoding;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's accuracy targets: at least 0.90 test accuracy on the full Fashion-MNIST and at least 0.985 on MNIST,
 * with a conv SNN (LIF, TET, T = 2) trained through the {@code Trainer}. The target is asserted only at full scale
 * (full dataset found, whole training and test splits); smaller runs only record their accuracy.
 */
@Tag("experiment")
class AccuracyTargetExperiment {
    static final String NAME = "AccuracyTargetExperiment";
    /** One seed, 5 epochs at T = 2 over the full 60,000 images with the 32/64-channel net: see docs/experiments.md. */
    static final ExperimentScale FASHION = new ExperimentScale(0, 0, 5, 1, 64, 2, "32C3-AP2-64C3-AP2-FC", 1e-3,
            Path.of("target/experiments"), false);
    /** One seed, 3 epochs at T = 2 over the full 60,000 MNIST images. */
    static final ExperimentScale MNIST = new ExperimentScale(0, 0, 3, 1, 64, 2, "32C3-AP2-64C3-AP2-FC", 1e-3,
            Path.of("target/experiments"), false);

    @Test
    void fashionMnistReachesNinetyPercent() throws IOException {
        ExperimentScale scale = FASHION.withOverrides();
        run("FashionMnist", scale, ExperimentData.fashionMnist(scale), Normalize.fashionMnist(), 0.90);
    }

    @Test
    void mnistReachesNinetyEightPointFivePercent() throws IOException {
        ExperimentScale scale = MNIST.withOverrides();
        run("Mnist", scale, ExperimentData.mnist(scale), Normalize.mnist(), 0.985);
    }

    private static void run(String dataset, ExperimentScale scale, ExperimentData.Splits data, ImageTransform norm,
                            double target) throws IOException {
        String name = NAME + "-" + dataset;
        ResultsTable table = new ResultsTable(dataset + ": test accuracy against the target " + target)
                .column("test acc", Format.PERCENT).column("best test acc", Format.PERCENT)
                .column("train s/epoch", Format.SECONDS);
        String row = scale.model() + ", LIF, TET, T=" + scale.timeSteps();
        double worst = 1;
        for (int seed = 0; seed < scale.seeds(); seed++) {
            long s = seed;
            ModelOptions o = ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                    .neurons(Neurons.lif(LifConfig.tet())).seed(s).build();
            TrainingResult r = ExperimentRuns.fit(ExperimentRuns.runDirectory(scale, name, row, s),
                    t -> ExperimentRuns.model(scale.model(), o), new TetLoss(),
                    ExperimentRuns.training(data.train(), scale, norm, Encoding.DIRECT),
                    ExperimentRuns.evaluation(data.test(), norm, Encoding.DIRECT), scale, s, c -> c);
            table.add(row, "test acc", r.testAccuracy());
            table.add(row, "best test acc", r.bestAccuracy());
            table.add(row, "train s/epoch", ExperimentRuns.trainSecondsPerEpoch(r));
            worst = Math.min(worst, r.testAccuracy());
        }
        boolean fullScale = data.full() && scale.trainSubset() == 0 && scale.testSubset() == 0 && !scale.smoke();
        table.note(fullScale ? "full scale: the target is asserted on the final accuracy of every seed"
                : "NOT full scale (subset, smoke run or fallback data): the target is not checked");
        ExperimentRuns.finish(table, scale, data, name);
        if (fullScale) {
            assertTrue(worst >= target, dataset + ": final test accuracy " + worst + " < target " + target);
        }
    }
}
