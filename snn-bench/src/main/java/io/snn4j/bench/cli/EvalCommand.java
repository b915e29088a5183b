package io.snn4j.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.core.train.EnergyListener;
import io.snn4j.core.train.Evaluation;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.data.train.SampleBatches;
import io.snn4j.neurons.FiringRateListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval --checkpoint F}: evaluates a checkpoint's model on the test split with the {@link Trainer}'s
 * evaluation (mean-output, last-step and per-step accuracy, loss, firing rate, energy); model and data options as
 * for {@code train} (they must describe the model the checkpoint was saved from). Last line {@code test_accuracy X}.
 */
@Command(name = "eval", sortOptions = false, description = "Evaluates a checkpoint on the test split (model and data "
        + "options as for train): accuracy (mean output, last step, per step), loss, firing rate, energy; "
        + "last line test_accuracy X.")
final class EvalCommand extends CliCommand {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "the checkpoint to evaluate (e.g. RUN_DIR/best.ckpt)")
    Path checkpoint;

    @Option(names = "--loss", defaultValue = "tet",
            paramLabel = "tet|tet-s|sdt|lts|rate-ce|membrane-ce|ttfs|ttfs-reciprocal",
            description = "the loss the model was trained with: it decides the head (a spiking output layer for "
                    + "rate-ce, membrane-ce, ttfs, ttfs-reciprocal), the prediction (lts: last step; tet, tet-s, sdt: "
                    + "mean over time) and the reported loss (default: ${DEFAULT-VALUE})")
    TrainCommand.LossKind loss;

    @Mixin
    ModelArgs modelArgs;

    @Mixin
    DataArgs dataArgs;

    @Override
    public Integer call() throws IOException {
        modelArgs.check(this);
        dataArgs.check(this);
        modelArgs.checkHead(loss.head(), loss.toString());
        rejectGiven("to eval (it uses the whole test split)", "--limit");
        Checkpoint ck = CheckpointArgs.load(checkpoint);
        DataArgs.Opened data = dataArgs.open(modelArgs.timeSteps, modelArgs.seed);
        Module model = modelArgs.build(data.channels(), data.train().numClasses(), data.size(), modelArgs.timeSteps,
                loss.head());
        CheckpointArgs.apply(ck, checkpoint, model, null, modelArgs.model);
        Evaluation e = Trainer.builder().model(model)
                .loss(io.snn4j.losses.LossSpec.of(loss.toString(), null, null, null).build())
                .testData(SampleBatches.evaluation(data.test(), dataArgs.batch, data.testTransform()))
                .config(TrainerConfig.builder().timeSteps(modelArgs.timeSteps).seed(modelArgs.seed).build())
                .listener(new FiringRateListener())
                .build().evaluate();
        out().printf(Locale.ROOT, "checkpoint %s (epoch %d): %d test samples, T=%d%n", checkpoint, ck.epoch() + 1,
                e.samples(), modelArgs.timeSteps);
        out().printf(Locale.ROOT, "test_loss %.4f%n", e.loss());
        out().printf(Locale.ROOT, "mean_output_accuracy %.4f%n", e.meanOutputAccuracy());
        out().printf(Locale.ROOT, "last_step_accuracy %.4f%n", e.lastStepAccuracy());
        out().println("per_step_accuracy " + TrainCommand.joined(e.perStepAccuracy()));
        out().printf(Locale.ROOT, "firing_rate %.4f%n", e.extras().getOrDefault(FiringRateListener.METRIC, Double.NaN));
        out().printf(Locale.ROOT, "energy_uJ_per_sample %.3f%n", e.extras().getOrDefault(EnergyListener.METRIC, Double.NaN));
        out().printf(Locale.ROOT, "test_accuracy %.4f%n", e.accuracy());
        return SnnCli.EXIT_OK;
    }
}
