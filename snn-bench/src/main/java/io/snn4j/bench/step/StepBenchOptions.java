package io.snn4j.bench.step;

import java.util.List;

/**
 * What {@link StepBench} runs: a model by name ({@code vggsnn}, {@code resnet19}, {@code sew-resnet18}), T time
 * steps, batch B, training steps or inference only ({@code infer}), untimed warm-up steps and timed steps.
 */
public record StepBenchOptions(String model, int timeSteps, int batch, boolean infer, int warmup, int steps) {
    /** The models this benchmark knows the paper's input shape of. */
    public static final List<String> MODELS = List.of("vggsnn", "resnet19", "sew-resnet18");

    public StepBenchOptions {
        if (model == null || !MODELS.contains(model)) {
            throw new IllegalArgumentException("bench step: model must be one of " + MODELS + ", got " + model);
        }
        if (timeSteps < 1) {
            throw new IllegalArgumentException("bench step: timeSteps must be >= 1, got " + timeSteps);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("bench step: batch must be >= 1, got " + batch);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("bench step: warmup must be >= 0, got " + warmup);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("bench step: steps must be >= 1, got " + steps);
        }
    }
}
