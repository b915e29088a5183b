package io.snn4j.bench.cli;

import picocli.CommandLine.Command;

/** {@code bench neuron ...} and {@code bench step ...}: quick timings printed as text. */
@Command(name = "bench", description = "Quick benchmarks: 'bench neuron' (a fused neuron kernel), "
        + "'bench step' (a model's training or inference step).",
        subcommands = {BenchNeuronCommand.class, BenchStepCommand.class})
final class BenchCommand extends CliCommand {
    @Override
    public Integer call() {
        throw new UsageException("a benchmark is needed: " + String.join(", ", spec.subcommands().keySet()));
    }
}
