package io.snn4j.bench.cli;

import io.snn4j.bench.step.StepBench;
import io.snn4j.bench.step.StepBenchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench step --model vggsnn|resnet19|sew-resnet18 --T N --B N [--infer] [--warmup N] [--steps N]}:
 * times a model's training (or inference) step with {@link StepBench}.
 */
@Command(name = "step", description = "Times a model's training step (or inference with --infer) at the paper's "
        + "input shape: first steps, phase medians, op kinds, RSS, page faults, last line step_ms.")
final class BenchStepCommand extends CliCommand {
    /** The models {@link StepBenchOptions#MODELS} knows the input shape of. */
    enum StepModel {
        VGGSNN, RESNET19, SEW_RESNET18
    }

    @Option(names = "--model", required = true, paramLabel = "vggsnn|resnet19|sew-resnet18", description = "the model")
    StepModel model;

    @Option(names = "--T", required = true, paramLabel = "N", description = "time steps")
    int timeSteps;

    @Option(names = "--B", required = true, paramLabel = "N", description = "batch size")
    int batch;

    @Option(names = "--infer", description = "time inference (forward without recording) instead of training")
    boolean infer;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "N",
            description = "untimed steps before the timed ones (default: ${DEFAULT-VALUE}; the JIT needs about 10 "
                    + "steps of VGGSNN and 25 of SEW-ResNet-18 to settle; first_steps_ms shows the first three)")
    int warmup;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N", description = "timed steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Override
    public Integer call() {
        positive("--T", timeSteps);
        positive("--B", batch);
        nonNegative("--warmup", warmup);
        positive("--steps", steps);
        StepBench.run(new StepBenchOptions(ChoiceConverter.label(model), timeSteps, batch, infer, warmup, steps), out());
        return SnnCli.EXIT_OK;
    }
}
