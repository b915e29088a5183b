package io.snn4j.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.data.encode.DirectEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eval --checkpoint F}: evaluates a checkpoint's model on the test split; model and data options as for
 * {@code train} (they must describe the model the checkpoint was saved from). Last line {@code test_accuracy X}.
 */
@Command(name = "eval", sortOptions = false, description = "Evaluates a checkpoint on the test split (model and data "
        + "options as for train); last line test_accuracy X.")
final class EvalCommand extends CliCommand {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "the checkpoint to evaluate")
    Path checkpoint;

    @Option(names = "--loss", defaultValue = "tet", paramLabel = "tet|tet-s|sdt|lts",
            description = "the loss the model was trained with: it decides the prediction (lts: last step; others: "
                    + "mean over time) (default: ${DEFAULT-VALUE})")
    TrainCommand.LossKind loss;

    @Mixin
    ModelArgs modelArgs;

    @Mixin
    DataArgs dataArgs;

    @Override
    public Integer call() throws IOException {
        modelArgs.check(this);
        dataArgs.check(this);
        rejectGiven("to eval (it uses the whole test split)", "--limit");
        Checkpoint ck = CheckpointArgs.load(checkpoint);
        DataArgs.Opened data = dataArgs.open(modelArgs.timeSteps, modelArgs.seed);
        Module model = modelArgs.build(data.channels(), data.train().numClasses(), data.size(), modelArgs.timeSteps);
        CheckpointArgs.apply(ck, checkpoint, model, null, modelArgs.model);
        DirectEncoder encoder = data.events() ? null : new DirectEncoder(modelArgs.timeSteps);
        double acc = TrainCommand.evaluate(model, io.snn4j.losses.LossSpec.of(loss.toString(), null, null, null).build(),
                data.test(), encoder, data.testTransform(), dataArgs.batch);
        out().printf(Locale.ROOT, "checkpoint %s: epoch %d, %d test samples%n", checkpoint, ck.epoch() + 1,
                data.test().size());
        out().printf(Locale.ROOT, "test_accuracy %.4f%n", acc);
        return SnnCli.EXIT_OK;
    }
}
