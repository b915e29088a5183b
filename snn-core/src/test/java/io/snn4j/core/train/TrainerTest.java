package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.AuxiliaryLoss;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.LrSchedule;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {
    static final int F = 6;

    static Trainer.Builder toy(Module model, TrainerConfig config) {
        return Trainer.builder().model(model).loss(new ToyTraining.MeanCe())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(0.05)))
                .trainData(ToyTraining.data(96, F, 16)).testData(ToyTraining.data(64, F, 32)).config(config);
    }

    static TinyMlp mlp() {
        return new TinyMlp(F, 16, 3, DataType.FLOAT, new SplittableRandom(1));
    }

    @Test
    void trainsAToyProblemAndWritesACompleteRunDirectory(@TempDir Path dir) throws Exception {
        TrainingResult r = toy(mlp(), TrainerConfig.builder().epochs(4).timeSteps(2).seed(5)
                .schedule(LrSchedule.constant(0.05)).recipe("model", "tiny-mlp").build())
                .runDirectory(dir).build().fit();
        assertTrue(r.testAccuracy() > 0.8, "toy accuracy " + r.testAccuracy());
        assertEquals(4, r.history().size());
        List<String> csv = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
        assertEquals(5, csv.size());
        assertTrue(csv.get(0).startsWith("epoch,stage,T,lr,train_loss,train_acc,test_loss,test_acc,test_acc_mean,"
                + "test_acc_last,test_acc_t1,test_acc_t2"), csv.get(0));
        BufferedImage png = ImageIO.read(dir.resolve(RunDirectory.CHART).toFile());
        assertEquals(900, png.getWidth());
        assertEquals(Map.of("model", "tiny-mlp"), RunDirectory.readRecipe(dir));
        assertTrue(Files.size(dir.resolve(RunDirectory.LAST_CHECKPOINT)) > 0);
        assertTrue(Files.size(dir.resolve(RunDirectory.BEST_CHECKPOINT)) > 0);
        Evaluation e = r.evaluation();
        assertEquals(64, e.samples());
        assertEquals(2, e.perStepAccuracy().length);
        // T copies of one input through a stateless model: every step predicts what the mean predicts
        assertEquals(e.meanOutputAccuracy(), e.perStepAccuracy()[0]);
        assertEquals(e.accuracy(), e.lastStepAccuracy());
        assertTrue(e.extras().containsKey(EnergyListener.METRIC));
        Evaluation without = toy(r.model(), TrainerConfig.builder().timeSteps(2).build()).energyEstimate(false).build()
                .evaluate();
        assertEquals(Map.of(), without.extras());
        assertEquals(e.accuracy(), without.accuracy());
    }

    @Test
    void rejectsAnEmptyTrainingSet() {
        Trainer t = toy(mlp(), TrainerConfig.builder().build()).trainData(ToyTraining.data(0, F, 4)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::fit);
        assertTrue(e.getMessage().contains("training set is empty"), e.getMessage());
    }

    @Test
    void inputThatDoesNotFitTheModelIsReportedWithBothShapesBeforeTraining() {
        Module wrong = new TinyMlp(F + 1, 8, 3, DataType.FLOAT, new SplittableRandom(1));
        Trainer t = toy(wrong, TrainerConfig.builder().timeSteps(3).build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::fit);
        assertTrue(e.getMessage().contains("[3, 16, 6]"), e.getMessage());
        assertTrue(e.getMessage().contains("[8, 7]"), e.getMessage());
    }

    @Test
    void divergenceGuardStopsAnExplodingRunNamingTheStep() {
        Trainer t = toy(mlp(), TrainerConfig.builder().epochs(3)
                .divergenceGuard(new DivergenceGuard(1e9, 10, 5)).build())
                .optimizer(m -> new Sgd(ParamGroups.single(m, 0.0), Sgd.Options.builder().lr(1e3).build()))
                .build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        assertTrue(e.getMessage().contains("at step " + e.step()), e.getMessage());
        assertTrue(e.step() > 0);
    }

    /** A stateless pass-through with a constant auxiliary loss of 100 recorded by each forward. */
    static final class ConstantAux extends Module implements AuxiliaryLoss {
        private final Module inner;
        private Tensor last;

        ConstantAux(Module inner) {
            this.inner = registerModule("inner", inner);
        }

        @Override
        public Tensor forward(Tensor x) {
            last = Tensor.scalar(100.0, DataType.FLOAT);
            return inner.forward(x);
        }

        @Override
        public Tensor auxiliaryLoss() {
            return last;
        }
    }

    @Test
    void auxiliaryLossesAreWeightedByLambdaUntilTheirSwitchOffEpoch() throws Exception {
        TrainingResult r = toy(new ConstantAux(mlp()), TrainerConfig.builder().epochs(3).timeSteps(2)
                .auxiliaryLossWeight(0.5).auxiliaryLossUntilEpoch(2).build()).build().fit();
        // (1 − 0.5)·CE + 0.5·100 ≥ 50 while on; CE alone (< 2) from epoch 3 on
        assertTrue(r.history().get(0).get("train_loss") > 50);
        assertTrue(r.history().get(1).get("train_loss") > 50);
        assertTrue(r.history().get(2).get("train_loss") < 2, "" + r.history().get(2));
    }

    @Test
    void timeSlicingTakesOneOptimizerStepPerSliceAndKEqualTIsTheWholeSequence() throws Exception {
        List<Long> steps = new ArrayList<>();
        TrainingListener count = new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingContext ctx, BatchResult b) {
                steps.add(b.globalStep());
            }
        };
        toy(mlp(), TrainerConfig.builder().epochs(1).timeSteps(4).timeSlice(2).build()).listener(count).build().fit();
        assertEquals(6, steps.size());                  // 96 samples / 16 per batch
        assertEquals(12L, steps.get(5));                // two slices per batch
        steps.clear();
        toy(mlp(), TrainerConfig.builder().epochs(1).timeSteps(4).timeSlice(3).build()).listener(count).build().fit();
        assertEquals(12L, steps.get(5));                // slices of 3 and 1 steps

        TrainingResult whole = toy(mlp(), TrainerConfig.builder().epochs(2).timeSteps(4).build()).build().fit();
        TrainingResult oneSlice = toy(mlp(), TrainerConfig.builder().epochs(2).timeSteps(4).timeSlice(4).build()).build().fit();
        assertEquals(whole.history().get(1).get("train_loss"), oneSlice.history().get(1).get("train_loss"));
    }

    @Test
    void timeInheritanceGrowsPerStepParametersFromTheLastLearnedStep() {
        INDArray coef = Nd4j.createFromArray(0.2f, 0.7f);
        assertArrayEquals(new float[] {0.2f, 0.7f, 0.7f, 0.7f}, TimeInheritance.grow(coef, 4).toFloatVector());
        INDArray perStep = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new float[] {1, 2, 3, 4}, TimeInheritance.grow(perStep, 2).reshape(4).toFloatVector());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeInheritance.transfer(
                new TinyMlp(F, 8, 3, DataType.FLOAT, new SplittableRandom(1)),
                new TinyMlp(F, 9, 3, DataType.FLOAT, new SplittableRandom(1)), 2, 4));
        assertTrue(e.getMessage().contains("fc1.weight") && e.getMessage().contains("[8, 6]"), e.getMessage());
    }

    @Test
    void timeInheritanceStagesContinueAtLargerTWithAFreshOptimizer() throws Exception {
        List<String> seen = new ArrayList<>();
        TrainingListener watch = new TrainingListener() {
            @Override
            public void onEpochStart(TrainingContext ctx) {
                seen.add(ctx.stage() + ":" + ctx.timeSteps() + ":" + ctx.optimizer().stepCount());
            }
        };
        TrainingResult r = toy(mlp(), TrainerConfig.builder().epochs(2).timeSteps(2)
                .thenTimeSteps(new TitStage(4, 1, LrSchedule.constant(1e-3)))
                .thenTimeSteps(new TitStage(6, 1, LrSchedule.constant(1e-4))).build())
                .listener(watch).build().fit();
        assertEquals(List.of("0:2:0", "0:2:6", "1:4:0", "2:6:0"), seen);
        assertEquals(6, r.evaluation().perStepAccuracy().length);
        assertEquals(1e-4, r.history().get(3).get("lr"));
    }

    @Test
    void auxiliaryLossMixGradientMatchesFiniteDifferences() {
        GradCheck.defaults().assertGradientsMatch(t -> AuxiliaryLosses.mix(t[0].square().mean(),
                List.of(t[1].square().mean(), t[2].sub(0.5).square().mean()), 0.3),
                Tensor.variable(Nd4j.rand(DataType.DOUBLE, 3, 2)), Tensor.variable(Nd4j.rand(DataType.DOUBLE, 4)),
                Tensor.variable(Nd4j.rand(DataType.DOUBLE, 2)));
    }

    @Test
    void progressLineNamesEpochBatchLossAccuracyThroughputAndEta() throws Exception {
        List<String> lines = new ArrayList<>();
        TrainingListener capture = new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingContext ctx, BatchResult b) {
                lines.add(ProgressLogger.line(ctx, System.nanoTime()));
            }
        };
        toy(mlp(), TrainerConfig.builder().epochs(2).timeSteps(2).build()).listener(capture).build().fit();
        assertTrue(lines.get(2).matches("epoch 1/2 batch 3/6 loss \\d+\\.\\d{4} acc \\d\\.\\d{4} samples/s \\d+\\.\\d "
                + "eta \\d+:\\d{2}"), lines.get(2));
        assertTrue(lines.get(11).startsWith("epoch 2/2 batch 6/6"), lines.get(11));
        assertEquals("1:01:05", ProgressLogger.duration(3665));
        assertEquals("2:05", ProgressLogger.duration(125));
    }

    @Test
    void resumingWithAnotherSeedIsRefused(@TempDir Path dir) throws Exception {
        toy(mlp(), TrainerConfig.builder().epochs(1).timeSteps(2).seed(1).build()).runDirectory(dir).build().fit();
        Trainer other = toy(mlp(), TrainerConfig.builder().epochs(2).timeSteps(2).seed(2).build())
                .runDirectory(dir).resume(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, other::fit);
        assertTrue(e.getMessage().contains("seed 1") && e.getMessage().contains("seed 2"), e.getMessage());
    }
}
