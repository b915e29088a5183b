package io.snn4j.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.snn4j.core.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code resume RUN_DIR}: continues the run a {@code train} wrote to RUN_DIR, from its {@code last.ckpt}, with the
 * options recorded in its {@code config.json} (the Trainer restores model, optimizer, epoch, step and every random
 * source, so the rest of the run is what an uninterrupted one would have been). A finished run is evaluated again.
 */
@Command(name = "resume", description = "Continues a run from its run directory (written by train) with the options "
        + "recorded there; a finished run is evaluated again. Last line test_accuracy X.")
final class ResumeCommand extends CliCommand {
    @Parameters(paramLabel = "RUN_DIR", description = "the run directory")
    Path runDir;

    @Override
    public Integer call() throws IOException {
        TrainCommand.checkRunDirectory(runDir);
        Map<String, String> recipe;
        try {
            recipe = RunDirectory.readRecipe(runDir);
        } catch (IOException e) {
            throw new UsageException(SnnCli.message(e), e);
        }
        if (!TrainCommand.RECIPE_COMMAND_VALUE.equals(recipe.get(TrainCommand.RECIPE_COMMAND))) {
            throw new UsageException(runDir + " was not written by 'snn train' (its config.json records no command "
                    + "line); resume it with the Trainer API, or 'snn train --resume " + runDir + "' and its options");
        }
        List<String> args = new ArrayList<>();
        args.add("train");
        new TreeMap<>(recipe).forEach((k, v) -> {
            if (k.startsWith(TrainCommand.RECIPE_ARG)) {
                args.add(v);
            }
        });
        args.add("--resume");
        args.add(runDir.toString());
        return SnnCli.run(args.toArray(String[]::new), out(), err());
    }
}
