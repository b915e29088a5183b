package io.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.CosineSchedule;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.train.RunDirectory;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.Split;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.data.train.SampleBatches;
import io.snn4j.losses.MixedLoss;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.FiringRateListener;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Test;

/** The usage example of README.md, verbatim, compiled and run (it is the quick-start: two epochs, ≥ 0.75). */
class ReadmeExampleTest {

    @Test
    void readmeUsageBlockIsTheCodeThisTestRuns() throws Exception {
        String readme = DocSnippets.blockAfter(DocSnippets.root().resolve("README.md"), "## Usage");
        assertEquals(readme, DocSnippets.sourceSnippet(ReadmeExampleTest.class, "readme-usage"));
    }

    @Test
    void readmeUsageExampleTrainsToTheQuickStartAccuracyAndWritesARunDirectory() throws Exception {
        java.nio.file.Path run = Path.of("runs", "quickstart");
        TrainingResult result = example();
        assertTrue(result.testAccuracy() >= 0.75, "quick-start accuracy " + result.testAccuracy());
        for (String f : new String[] {RunDirectory.CONFIG, RunDirectory.METRICS, RunDirectory.LAST_CHECKPOINT,
            RunDirectory.BEST_CHECKPOINT, RunDirectory.CHART}) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        assertEquals(2, RunDirectory.readMetrics(run).size());
        assertTrue(result.evaluation().extras().containsKey("firing_rate"));
    }

    /**
     * Relative paths of the example resolve under {@code target/readme-example} instead of the working directory
     * (this class shadows {@link java.nio.file.Path} inside the test, so the README text stays verbatim).
     */
    static final class Path {
        static final java.nio.file.Path BASE = java.nio.file.Path.of("target", "readme-example-" + ProcessHandle.current().pid());

        static java.nio.file.Path of(String first, String... more) {
            return BASE.resolve(java.nio.file.Path.of(first, more));
        }
    }

    /** The README block. */
    static TrainingResult example() throws Exception {
        // snippet: readme-usage
        Module model = new ConvSnn("16C3-AP2-32C3-AP2-FC", ModelOptions.builder()
                .inChannels(1).numClasses(10).inputSize(28)
                .neurons(Neurons.lif(LifConfig.tet()))          // TET LIF: decay 0.5, hard reset, triangle surrogate
                .seed(0).build());
        TrainingResult result = Trainer.builder()
                .model(model)
                .loss(new MixedLoss(new TetLoss(), 0.001))      // (1 − λ)·TET + λ·MSE; predicts argmax of the time mean
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(1e-3)))
                .trainData(SampleBatches.training(FashionMnist.embeddedSubset(Split.TRAIN), 32, Normalize.fashionMnist()))
                .testData(SampleBatches.evaluation(FashionMnist.embeddedSubset(Split.TEST), 128, Normalize.fashionMnist()))
                .config(TrainerConfig.builder().epochs(2).timeSteps(4).seed(0)   // each image repeated T = 4 times
                        .schedule(CosineSchedule.toZero(1e-3, 2)).build())
                .listener(new FiringRateListener())             // firing rate per layer in every evaluation
                .runDirectory(Path.of("runs", "quickstart"))    // config.json, metrics.csv, last/best.ckpt, curves.png
                .build().fit();
        System.out.printf("test accuracy %.4f%n", result.testAccuracy());
        // end snippet
        return result;
    }
}
