package io.snn4j.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Optimizer;

/** Loading a checkpoint named on the command line: every way it cannot be used is bad input naming the file. */
final class CheckpointArgs {
    /** Longest message kept from a state-dict mismatch (it lists keys). */
    private static final int MAX_DETAIL = 240;

    private CheckpointArgs() {
    }

    /** Loads {@code file}; a missing, unreadable or corrupt file is a {@link UsageException} naming it. */
    static Checkpoint load(Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException("checkpoint " + file + " is a directory, not a checkpoint file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such checkpoint: " + file);
        }
        try {
            return Checkpoint.load(file);
        } catch (IOException | RuntimeException e) {
            String m = SnnCli.message(e);
            throw new UsageException(m.contains(file.toString()) ? "unreadable checkpoint: " + m
                    : "unreadable checkpoint " + file + ": " + m, e);
        }
    }

    /**
     * Loads the checkpoint's state into {@code model} (and {@code opt} when non-null); a checkpoint saved from
     * another model (its {@code model} metadata, or parameters of other names or shapes) is a {@link UsageException}.
     */
    static void apply(Checkpoint ck, Path file, Module model, Optimizer opt, String modelName) {
        String saved = ck.metadata().get("model");
        if (saved != null && !saved.equalsIgnoreCase(modelName)) {
            throw new UsageException("checkpoint " + file + " holds model '" + saved + "', not --model " + modelName);
        }
        try {
            ck.applyTo(model, opt);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new UsageException("checkpoint " + file + " does not fit --model " + modelName + ": "
                    + (m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) + "..." : m), e);
        }
    }
}
