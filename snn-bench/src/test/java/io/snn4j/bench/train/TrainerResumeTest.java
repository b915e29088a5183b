package io.snn4j.bench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.CosineSchedule;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.train.RunDirectory;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingContext;
import io.snn4j.core.train.TrainingListener;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.FiringRateListener;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/** A run killed after an epoch and resumed from its run directory equals an uninterrupted run, bit for bit. */
class TrainerResumeTest {
    static final int T = 2;

    static NeuronFactory neurons(String kind, int t) {
        return switch (kind) {
            case "lif" -> Neurons.lif(LifConfig.tet());
            case "lmh" -> Neurons.lmh(LmhConfig.standard(), DataType.FLOAT);
            case "mpe-psn" -> Neurons.mpePsn(MpePsnConfig.standard(), t, DataType.FLOAT, 7);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Trainer.Builder trainer(String kind, Path dir, int epochs) {
        return Trainer.builder()
                .model(t -> (Module) new ConvSnn("8C3-AP2-16C3-AP2-FC", ModelOptions.builder().inChannels(1).numClasses(10)
                        .inputSize(28).neurons(neurons(kind, t)).seed(3).build()))
                .loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(2e-3)))
                .trainData(TinyData.train(96, 32))
                .testData(TinyData.test(48))
                .config(TrainerConfig.builder().epochs(epochs).timeSteps(T).seed(11)
                        .schedule(CosineSchedule.toZero(2e-3, epochs)).build())
                .listener(new FiringRateListener())
                .runDirectory(dir);
    }

    /** Simulates a kill: stops the run at the start of epoch {@code at} (after epoch at−1 was saved). */
    static final class Kill extends RuntimeException implements TrainingListener {
        private static final long serialVersionUID = 1L;
        private final int at;

        Kill(int at) {
            super("killed");
            this.at = at;
        }

        @Override
        public void onEpochStart(TrainingContext ctx) {
            if (ctx.epoch() == at) {
                throw this;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lif", "lmh", "mpe-psn"})
    void killedAndResumedRunEqualsAnUninterruptedOneBitForBit(String kind, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path full = tmp.resolve("full");
        Path killed = tmp.resolve("killed");
        TrainingResult uninterrupted = trainer(kind, full, 3).build().fit();

        Kill kill = new Kill(2);
        assertThrows(Kill.class, () -> trainer(kind, killed, 3).listener(kill).build().fit());
        assertEquals(2, RunDirectory.readMetrics(killed).size());
        TrainingResult resumed = trainer(kind, killed, 3).resume(true).build().fit();

        List<Map<String, Double>> a = RunDirectory.readMetrics(full);
        List<Map<String, Double>> b = RunDirectory.readMetrics(killed);
        assertEquals(3, a.size());
        assertEquals(3, b.size());
        for (int e = 0; e < 3; e++) {
            for (String col : List.of("train_loss", "train_acc", "test_loss", "test_acc", "test_acc_t1", "firing_rate")) {
                assertEquals(a.get(e).get(col), b.get(e).get(col), kind + " epoch " + (e + 1) + " " + col);
            }
        }
        assertEquals(uninterrupted.testAccuracy(), resumed.testAccuracy());
        for (String f : List.of("config.json", "metrics.csv", "last.ckpt", "best.ckpt", "curves.png")) {
            assertTrue(Files.size(killed.resolve(f)) > 0, f);
        }

        // resuming the finished run trains nothing and reports the model's real accuracy
        TrainingResult again = trainer(kind, killed, 3).resume(true).build().fit();
        assertEquals(resumed.testAccuracy(), again.testAccuracy());
        assertEquals(3, RunDirectory.readMetrics(killed).size());
    }
}
