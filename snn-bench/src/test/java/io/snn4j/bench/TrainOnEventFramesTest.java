package io.snn4j.bench;

import static io.snn4j.bench.DeterministicTrainingTest.cli;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command on an N-MNIST folder (the real sample recording, copied into a tiny layout), with a frame cache. */
class TrainOnEventFramesTest {
    @Test
    void trainsOnIntegratedEventFramesAndFillsTheCache(@TempDir Path dir) throws Exception {
        Path sample = Path.of("../snn-data/src/test/resources/nmnist-sample.bin");
        Path root = dir.resolve("NMNIST");
        for (String split : new String[] {"Train", "Test"}) {
            for (int d = 0; d < 10; d++) {
                Files.createDirectories(root.resolve(split).resolve(Integer.toString(d)));
            }
        }
        for (int i = 0; i < 3; i++) {
            Files.copy(sample, root.resolve("Train/4/" + i + ".bin"));
        }
        Files.copy(sample, root.resolve("Test/4/0.bin"));
        Path cache = dir.resolve("cache");
        String out = cli("train", "--data", "nmnist=" + root, "--T", "3", "--frames", "time", "--epochs", "1",
                "--batch", "2", "--cache", cache.toString(), "--out", dir.resolve("run").toString());
        assertTrue(out.contains("train nmnist=") && out.contains("3 train / 1 test samples"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("epoch 1 ")), out);
        try (var files = Files.walk(cache)) {
            assertTrue(files.anyMatch(Files::isRegularFile), "integrated frames are cached on disk");
        }
    }
}
