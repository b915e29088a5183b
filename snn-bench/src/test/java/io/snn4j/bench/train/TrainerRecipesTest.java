package io.snn4j.bench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.BatchNormFolding;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.LrSchedule;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.train.RunDirectory;
import io.snn4j.core.train.TitStage;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingContext;
import io.snn4j.core.train.TrainingListener;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.losses.LtsLoss;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.VggSnn;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.MpePsnNeuron;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The papers' recipes as Trainer options on real SNN models. */
class TrainerRecipesTest {

    static Module mpePsnNet(int t) {
        return new ConvSnn("8C3-AP2-FC", ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                .neurons(Neurons.mpePsn(MpePsnConfig.standard(), t, DataType.FLOAT, 5)).seed(2).build());
    }

    static Trainer.Builder tit(Path dir) {
        return Trainer.builder().model(TrainerRecipesTest::mpePsnNet).loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(2e-3)))
                .trainData(TinyData.train(64, 32)).testData(TinyData.test(32))
                .config(TrainerConfig.builder().epochs(1).timeSteps(2).seed(1)
                        .thenTimeSteps(new TitStage(4, 1, LrSchedule.constant(1e-4))).build())
                .runDirectory(dir);
    }

    @Test
    void timeInheritanceGrowsMpePsnCoefficientsAndResumesAcrossTheStageBitForBit(@TempDir Path tmp) throws Exception {
        List<INDArray> coefAtStageStart = new ArrayList<>();
        List<INDArray> coefAtStageEnd = new ArrayList<>();
        TrainingListener watch = new TrainingListener() {
            @Override
            public void onEpochStart(TrainingContext ctx) {
                coefAtStageStart.add(coef(ctx.model()));
            }

            @Override
            public void onEpochEnd(TrainingContext ctx, io.snn4j.core.train.Metrics m) {
                coefAtStageEnd.add(coef(ctx.model()));
            }
        };
        TrainingResult full = tit(tmp.resolve("full")).listener(watch).build().fit();
        INDArray learned = coefAtStageEnd.get(0);      // T = 2, after stage 0
        INDArray grown = coefAtStageStart.get(1);       // T = 4, before stage 1
        assertArrayEquals(new float[] {learned.getFloat(0), learned.getFloat(1), learned.getFloat(1), learned.getFloat(1)},
                grown.toFloatVector());
        assertEquals(4, full.evaluation().perStepAccuracy().length);

        Path killed = tmp.resolve("killed");
        TrainerResumeTest.Kill kill = new TrainerResumeTest.Kill(1);
        assertThrows(TrainerResumeTest.Kill.class, () -> tit(killed).listener(kill).build().fit());
        tit(killed).resume(true).build().fit();
        List<Map<String, Double>> a = RunDirectory.readMetrics(tmp.resolve("full"));
        List<Map<String, Double>> b = RunDirectory.readMetrics(killed);
        assertEquals(a.size(), b.size());
        for (int e = 0; e < a.size(); e++) {
            assertEquals(a.get(e).get("train_loss"), b.get(e).get("train_loss"), "epoch " + (e + 1));
            assertEquals(a.get(e).get("test_loss"), b.get(e).get("test_loss"), "epoch " + (e + 1));
        }
    }

    static INDArray coef(Module model) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof MpePsnNeuron p) {
                return p.coef().value().dup();
            }
        }
        throw new AssertionError("no MPE-PSN layer");
    }

    @Test
    void ltsIsScoredOnTheLastStepAsItTrains() throws Exception {
        TrainingResult r = Trainer.builder()
                .model(new ConvSnn("8C3-AP2-FC", ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                        .neurons(Neurons.lif(LifConfig.tet())).seed(2).build()))
                .loss(new LtsLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(2e-3)))
                .trainData(TinyData.train(64, 32)).testData(TinyData.test(64))
                .config(TrainerConfig.builder().epochs(1).timeSteps(3).build())
                .build().fit();
        assertEquals(r.evaluation().lastStepAccuracy(), r.evaluation().accuracy());
        assertEquals(r.evaluation().perStepAccuracy()[2], r.evaluation().accuracy());
    }

    @Test
    void inputOfTheWrongSizeIsRejectedNamingBothShapes() {
        Trainer t = Trainer.builder()
                .model(new ConvSnn("8C3-AP2-FC", ModelOptions.builder().inChannels(1).numClasses(10).inputSize(32)
                        .neurons(Neurons.lif(LifConfig.tet())).seed(2).build()))
                .loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(2e-3)))
                .trainData(TinyData.train(64, 32))
                .config(TrainerConfig.builder().epochs(1).timeSteps(2).build())
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::fit);
        assertTrue(e.getMessage().contains("[2, 32, 1, 28, 28]"), e.getMessage());
        assertTrue(e.getMessage().contains("32"), e.getMessage());
    }

    @Test
    void foldingBatchNormIntoVggSnnConvolutionsKeepsItsOutputs() {
        ModelOptions o = ModelOptions.builder().inChannels(2).numClasses(10).inputSize(16).dataType(DataType.DOUBLE)
                .neurons(Neurons.lif(LifConfig.tet())).seed(9).build();
        VggSnn trained = new VggSnn(o);
        trained.train(true);
        try (GradMode.Scope s = GradMode.noGrad()) {     // give the BNs non-trivial running statistics
            trained.forward(Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 4, 2, 16, 16).muli(2)));
        }
        trained.eval();
        Module folded = BatchNormFolding.fold(trained, () -> new VggSnn(o));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 16, 16).muli(2);
        try (GradMode.Scope s = GradMode.noGrad()) {
            INDArray a = trained.forward(Tensor.constant(x)).value();
            INDArray b = folded.forward(Tensor.constant(x)).value();
            assertTrue(a.sub(b).amaxNumber().doubleValue() < 1e-9, "max difference " + a.sub(b).amaxNumber());
        }
        assertEquals(8, trained.stateDict().keySet().stream().filter(k -> k.endsWith("runningMean")).count());
        assertEquals(0, folded.stateDict().keySet().stream().filter(k -> k.endsWith("runningMean")).count());
    }
}
