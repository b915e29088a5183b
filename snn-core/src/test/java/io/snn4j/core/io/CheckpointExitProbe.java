package io.snn4j.core.io;

import java.nio.file.Path;

/** Run in a separate JVM: starts a checkpoint save and exits the JVM (as Ctrl-C would) half-way through it. */
final class CheckpointExitProbe {
    private CheckpointExitProbe() {
    }

    public static void main(String[] args) throws Exception {
        Checkpoint ck = Checkpoint.builder().model(CheckpointTest.model(1, 8)).build();
        ck.save(Path.of(args[0]), (i, name) -> System.exit(3));
        System.exit(0); // not reached: the hook exits during the first entry
    }
}
