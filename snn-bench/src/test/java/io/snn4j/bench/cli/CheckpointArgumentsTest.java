package io.snn4j.bench.cli;

import static io.snn4j.bench.cli.SnnCliTest.a;
import static io.snn4j.bench.cli.SnnCliTest.usageError;

import java.nio.file.Files;
import java.nio.file.Path;

import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints named on the command line that cannot be used: one line naming the file, exit 2. */
class CheckpointArgumentsTest {
    static Path save(Path file, String spec, String modelMetadata) throws Exception {
        Module m = new ConvSnn(spec, ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                .neurons(Neurons.lif(LifConfig.tet())).build());
        Checkpoint.Builder b = Checkpoint.builder().model(m).epoch(0);
        if (modelMetadata != null) {
            b.metadata("model", modelMetadata);
        }
        b.build().save(file);
        return file;
    }

    @Test
    void aDirectoryIsNotACheckpoint(@TempDir Path dir) {
        usageError(a("eval", "--checkpoint", dir.toString()), dir.toString(), "is a directory");
        usageError(a("train", "--resume", dir.toString()), dir.toString(), "is not a run directory");
    }

    @Test
    void aMissingCheckpointIsNamed(@TempDir Path dir) {
        usageError(a("eval", "--checkpoint", dir.resolve("none.ckpt").toString()), "none.ckpt");
    }

    @Test
    void anUnreadableCheckpointIsNamed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("junk.ckpt"), "this is not a checkpoint");
        usageError(a("eval", "--checkpoint", f.toString()), "unreadable checkpoint", "junk.ckpt");
    }

    @Test
    void aCheckpointOfAnotherModelIsRefused(@TempDir Path dir) throws Exception {
        Path named = save(dir.resolve("vgg.ckpt"), ConvSnn.SMALL, "vggsnn");
        usageError(a("eval", "--checkpoint", named.toString()), "vgg.ckpt", "holds model 'vggsnn'", "--model small");
        Path other = save(dir.resolve("other.ckpt"), "8C3-AP2-FC", null);
        usageError(a("eval", "--checkpoint", other.toString()), "other.ckpt", "does not fit --model small");
    }
}
