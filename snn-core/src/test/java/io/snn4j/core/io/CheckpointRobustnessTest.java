package io.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.snn4j.core.train.TinyMlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load and save paths under hostile files and faults: every error names the checkpoint. */
class CheckpointRobustnessTest {
    @TempDir
    Path dir;

    private static final String HEAD = "{\"format\":\"snn4j-checkpoint\",\"epoch\":0,\"globalStep\":0,\"optimizerType\":null,"
            + "\"rng\":{},\"metadata\":{},\"entries\":";

    @Test
    void aShapeWhoseElementCountOverflowsALongIsAFormatErrorNotAnArithmeticException() throws IOException {
        Path file = dir.resolve("crafted.ckpt");
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(2f).array();
        String manifest = HEAD + "[{\"name\":\"model/w\",\"dtype\":\"FLOAT\",\"shape\":[4294967296,4294967296,4],"
                + "\"offset\":0,\"byteLength\":8}]}";
        Files.write(file, CheckpointTest.handMade(manifest, data));
        CheckpointFormatException ex = CheckpointTest.assertCorrupt(file, 24, "'model/w'", "8-byte data section");
        assertFalse(ex.getMessage().contains("overflow"), ex.getMessage());

        // a count that fits a long but not the data section
        String big = HEAD + "[{\"name\":\"model/w\",\"dtype\":\"DOUBLE\",\"shape\":[1073741824,3],"
                + "\"offset\":0,\"byteLength\":25769803776}]}";
        Files.write(file, CheckpointTest.handMade(big, data));
        CheckpointTest.assertCorrupt(file, 24, "'model/w'");
    }

    @Test
    void aManifestNestedTooDeeplyIsAFormatErrorNotAStackOverflow() throws IOException {
        Path file = dir.resolve("deep.ckpt");
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        String manifest = HEAD.replace("\"metadata\":{}", "\"metadata\":{},\"x\":" + deep) + "[]}";
        Files.write(file, CheckpointTest.handMade(manifest, new byte[0]));
        CheckpointTest.assertCorrupt(file, 24, "not valid JSON", "nested more than " + Json.MAX_DEPTH);
    }

    @Test
    void loadingADirectoryNamesThePath() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run-dir"));
        IOException ex = assertThrows(IOException.class, () -> Checkpoint.load(run));
        assertTrue(ex.getMessage().contains(run.toString()) && ex.getMessage().contains("directory"), ex.getMessage());
        Path missing = dir.resolve("missing.ckpt");
        IOException ex2 = assertThrows(IOException.class, () -> Checkpoint.load(missing));
        assertTrue(ex2.getMessage().contains(missing.toString()), ex2.getMessage());
    }

    @Test
    void aDiskErrorDuringSaveNamesTheCheckpointAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("ck.bin");
        TinyMlp m = CheckpointTest.model(1, 8);
        Checkpoint ck = Checkpoint.builder().model(m).build();
        IOException ex = assertThrows(IOException.class, () -> ck.save(file, (i, name) -> {
            throw new IOException("No space left on device");
        }));
        assertTrue(ex.getMessage().contains(file.toAbsolutePath().toString())
                && ex.getMessage().contains("No space left on device"), ex.getMessage());
        assertEquals(List.of(), list());
    }

    @Test
    void temporaryFilesOfInterruptedSavesOfTheSameCheckpointAreRemovedByTheNextSave() throws IOException {
        Path file = dir.resolve("last.ckpt");
        // what a JVM killed mid-save leaves behind (Files.createTempFile names), plus unrelated files
        Path stale1 = Files.write(dir.resolve(".last.ckpt.123456789.tmp"), new byte[100]);
        Path stale2 = Files.write(dir.resolve(".last.ckpt.42.tmp"), new byte[100]);
        Path other = Files.write(dir.resolve(".best.ckpt.123.tmp"), new byte[1]);
        Path user = Files.write(dir.resolve(".last.ckpt.notes.tmp"), new byte[1]);
        Checkpoint.builder().model(CheckpointTest.model(1, 8)).epoch(3).build().save(file);
        assertFalse(Files.exists(stale1));
        assertFalse(Files.exists(stale2));
        assertTrue(Files.exists(other), "another checkpoint's temporary file is not ours to delete");
        assertTrue(Files.exists(user), "only names of the form .NAME.DIGITS.tmp are temporary files");
        assertEquals(List.of(dir.resolve(".best.ckpt.123.tmp"), dir.resolve(".last.ckpt.notes.tmp"), file), list());
        assertEquals(3, Checkpoint.load(file).epoch());
    }

    @Test
    void savingOverADirectoryNamesIt() throws IOException {
        Path d = Files.createDirectories(dir.resolve("out"));
        IOException ex = assertThrows(IOException.class,
                () -> Checkpoint.builder().model(CheckpointTest.model(1, 8)).build().save(d));
        assertTrue(ex.getMessage().contains(d.toString()), ex.getMessage());
    }

    @Test
    void aJvmThatExitsDuringASaveLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("exit.ckpt");
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access") || a.startsWith("--add-opens")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), CheckpointExitProbe.class.getName(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "probe did not finish");
        assertEquals(3, p.exitValue(), Files.readString(dir.resolve("probe.log")));
        assertEquals(List.of(dir.resolve("probe.log")), list(), "neither a temporary file nor a partial checkpoint");
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
