package io.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.snn4j.bench.train.TinyDataAccess;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.BatchNormFolding;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.CosineSchedule;
import io.snn4j.core.optim.LrSchedule;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.rng.SplitMix64;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.Evaluation;
import io.snn4j.core.train.Metrics;
import io.snn4j.core.train.TitStage;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingContext;
import io.snn4j.core.train.TrainingListener;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.Split;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.data.train.SampleBatches;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.FiringRateListener;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The training walkthrough of docs/user-guide.md: every {@code <!-- snippet: NAME -->} block there is a region of
 * this file (checked verbatim) and runs here on a small slice of the data.
 */
class UserGuideTest {
    static final List<String> SNIPPETS = List.of("data", "model", "trainer", "fit", "evaluate", "resume", "tit",
            "time-slicing", "listener", "own-model");

    @Test
    void everyUserGuideSnippetIsCodeThisTestCompiles() throws Exception {
        Path guide = DocSnippets.root().resolve("docs/user-guide.md");
        for (String name : SNIPPETS) {
            assertEquals(DocSnippets.markdownSnippet(guide, name), DocSnippets.sourceSnippet(UserGuideTest.class, name), name);
        }
    }

    static BatchSource[] data() {
        // snippet: data
        BatchSource train = SampleBatches.training(FashionMnist.embeddedSubset(Split.TRAIN), 32, Normalize.fashionMnist());
        BatchSource test = SampleBatches.evaluation(FashionMnist.embeddedSubset(Split.TEST), 128, Normalize.fashionMnist());
        // end snippet
        return new BatchSource[] {train, test};
    }

    // snippet: model
    static Module fmnistModel(NeuronFactory neurons) {
        return new ConvSnn("16C3-AP2-32C3-AP2-FC", ModelOptions.builder()
                .inChannels(1).numClasses(10).inputSize(28).neurons(neurons).seed(0).build());
    }
    // end snippet

    // snippet: trainer
    static Trainer.Builder trainer(Path runDir, BatchSource train, BatchSource test) {
        return Trainer.builder()
                .model(fmnistModel(Neurons.lif(LifConfig.tet())))
                .loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(1e-3)))
                .trainData(train).testData(test)
                .config(TrainerConfig.builder().epochs(2).timeSteps(4).seed(0)
                        .schedule(CosineSchedule.toZero(1e-3, 2)).clipGradNorm(5.0).build())
                .listener(new FiringRateListener())
                .runDirectory(runDir);
    }
    // end snippet

    @Test
    void walkthroughTrainsEvaluatesResumesAndContinuesAtLargerT(@TempDir Path runs) throws Exception {
        assertEquals(2000, data()[0].size());
        BatchSource train = TinyDataAccess.train(96, 32);
        BatchSource test = TinyDataAccess.test(64);

        // snippet: fit
        TrainingResult result = trainer(runs.resolve("fmnist"), train, test).build().fit();
        Evaluation e = result.evaluation();
        System.out.printf("accuracy %.4f (last step %.4f, per step %s), firing rate %.3f, %.2f uJ/sample%n",
                e.accuracy(), e.lastStepAccuracy(), Arrays.toString(e.perStepAccuracy()),
                e.extras().get("firing_rate"), e.extras().get("energy_uJ"));
        // end snippet
        assertEquals(4, e.perStepAccuracy().length);

        // snippet: evaluate
        Module model = fmnistModel(Neurons.lif(LifConfig.tet()));
        Checkpoint.load(runs.resolve("fmnist").resolve("best.ckpt")).applyTo(model, null);
        Evaluation best = Trainer.builder().model(model).loss(new TetLoss()).testData(test)
                .config(TrainerConfig.builder().timeSteps(4).build())
                .build().evaluate();
        Module folded = BatchNormFolding.fold(model, () -> fmnistModel(Neurons.lif(LifConfig.tet())));
        // end snippet
        assertEquals(result.bestAccuracy(), best.accuracy());
        assertTrue(folded.stateDict().keySet().stream().noneMatch(k -> k.contains("running")));

        // snippet: resume
        TrainingResult resumed = trainer(runs.resolve("fmnist"), train, test).resume(true).build().fit();
        // end snippet
        assertEquals(result.testAccuracy(), resumed.testAccuracy());

        // snippet: tit
        TrainerConfig tit = TrainerConfig.builder().epochs(2).timeSteps(2)
                .schedule(CosineSchedule.toZero(1e-3, 2))
                .thenTimeSteps(new TitStage(4, 1, LrSchedule.constant(1e-4)))
                .thenTimeSteps(new TitStage(6, 1, LrSchedule.constant(1e-4)))
                .build();
        TrainingResult inherited = Trainer.builder()
                .model(t -> fmnistModel(Neurons.mpePsn(MpePsnConfig.standard(), t, DataType.FLOAT, 0)))
                .loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(1e-3)))
                .trainData(train).testData(test).config(tit)
                .runDirectory(runs.resolve("tit"))
                .build().fit();
        // end snippet
        assertEquals(6, inherited.evaluation().perStepAccuracy().length);
        assertEquals(4, inherited.history().size());

        // snippet: time-slicing
        TrainingResult sliced = Trainer.builder()
                .model(fmnistModel(Neurons.lmh(LmhConfig.standard(), DataType.FLOAT)))
                .loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(1e-3)))
                .trainData(train).testData(test)
                .config(TrainerConfig.builder().epochs(1).timeSteps(4).timeSlice(2).build())
                .build().fit();
        // end snippet
        assertEquals(1, sliced.history().size());

        TrainingResult own = Trainer.builder()
                .model(new TinySnn(0))
                .loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(1e-3)))
                .trainData(train).testData(test)
                .config(TrainerConfig.builder().epochs(1).timeSteps(2).build())
                .listener(new WeightNorm())
                .runDirectory(runs.resolve("own"))
                .build().fit();
        assertTrue(own.history().get(0).get("weight_norm") > 0);
        assertTrue(Files.readAllLines(runs.resolve("own").resolve("metrics.csv")).get(0).contains("weight_norm"));
    }

    // snippet: listener
    /** Adds the global L2 norm of the weights to every evaluation (a weight_norm column in metrics.csv). */
    static final class WeightNorm implements TrainingListener {
        @Override
        public void onEvaluationEnd(TrainingContext ctx, Evaluation evaluation, Metrics extra) {
            double sumSq = 0;
            for (Parameter p : ctx.model().parameters()) {
                double n = p.value().norm2Number().doubleValue();
                sumSq += n * n;
            }
            extra.put("weight_norm", Math.sqrt(sumSq));
        }
    }
    // end snippet

    // snippet: own-model
    /** Linear → LIF → linear, applied at every step of [T, B, 1, 28, 28] input. */
    static final class TinySnn extends Module {
        private final Linear fc1;
        private final LifNeuron lif;
        private final Linear fc2;

        TinySnn(long seed) {
            SplitMix64 rng = new SplitMix64(seed);
            fc1 = registerModule("fc1", new Linear(28 * 28, 128, true, DataType.FLOAT, rng));
            lif = registerModule("lif", new LifNeuron(LifConfig.tet()));
            fc2 = registerModule("fc2", new Linear(128, 10, true, DataType.FLOAT, rng));
        }

        @Override
        public Tensor forward(Tensor x) {                      // [T, B, 1, 28, 28] -> [T, B, 10]
            return fc2.forward(lif.forward(fc1.forward(x.flatten(2))));
        }
    }
    // end snippet
}
