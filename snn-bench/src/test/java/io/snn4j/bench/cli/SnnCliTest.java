package io.snn4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit status and output of {@link SnnCli#run}. */
class SnnCliTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = SnnCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Exit 2 and exactly one line on stderr, containing every fragment and no stack trace. */
    static Run usageError(String[] args, String... fragments) {
        Run r = run(args);
        assertEquals(2, r.status(), () -> "exit status of " + String.join(" ", args) + "; err: " + r.err() + " out: " + r.out());
        assertEquals(1, r.err().lines().count(), () -> "one line on stderr, got: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), () -> "'" + f + "' in: " + r.err());
        }
        return r;
    }

    static String[] a(String... args) {
        return args;
    }

    @Test
    void anUnknownCommandNamesItAndTheCommands() {
        usageError(a("teleport"), "unknown command 'teleport'", "train", "conformance", "bench");
    }

    @Test
    void noCommandIsAUsageError() {
        usageError(a(), "a command is needed", "train");
    }

    @Test
    void aNonNumericValueNamesTheOption() {
        usageError(a("train", "--T", "abc"), "'--T'", "'abc'");
        usageError(a("bench", "neuron", "--N", "lots"), "'--N'", "'lots'");
        usageError(a("bench", "step", "--model", "vggsnn", "--T", "x", "--B", "1"), "'--T'", "'x'");
    }

    @Test
    void zeroOrNegativeTIsRejected() {
        usageError(a("train", "--T", "-3"), "--T must be > 0, got -3");
        usageError(a("train", "--T", "0"), "--T must be > 0, got 0");
        usageError(a("bench", "neuron", "--T", "0"), "--T must be > 0");
    }

    @Test
    void anUnknownOptionIsNamedWithASuggestion() {
        usageError(a("train", "--los", "tet"), "Unknown option", "'--los'", "--loss");
    }

    @Test
    void aTrailingOptionWithoutValueNamesTheOption() {
        usageError(a("train", "--lr"), "'--lr'");
    }

    @Test
    void aClosedChoiceListsTheValidValues() {
        usageError(a("train", "--loss", "foo"), "'--loss'", "tet, tet-s, sdt, lts", "'foo'");
        usageError(a("train", "--optimizer", "rmsprop"), "'--optimizer'", "sgd, adam, adamw");
        usageError(a("train", "--neuron", "hh"), "lif, lmh, mpe-psn");
        usageError(a("train", "--schedule", "linear"), "cosine, step, none");
        usageError(a("bench", "step", "--model", "alexnet", "--T", "1", "--B", "1"), "vggsnn, resnet19, sew-resnet18");
        usageError(a("conformance", "--dtype", "half", "."), "float, double");
    }

    @Test
    void closedChoicesAcceptAnyCase() {
        Run r = run("train", "--loss", "TET-S", "--optimizer", "AdamW", "--lambda", "-1");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--lambda"), r.err());
    }

    @Test
    void anInvalidLambdaIsRejectedNotIgnored() {
        usageError(a("train", "--lambda", "-0.5"), "--lambda", "-0.5");
        usageError(a("train", "--lambda", "NaN"), "--lambda", "NaN");
        usageError(a("train", "--epsilon", "1.5"), "--epsilon");
    }

    @Test
    void aNegativeOrZeroLimitIsRejected() {
        usageError(a("train", "--limit", "-5"), "--limit must be > 0, got -5");
        usageError(a("train", "--limit", "0"), "--limit must be > 0");
    }

    @Test
    void eventFrameOptionsAreRejectedForImageData() {
        usageError(a("train", "--frames", "time"), "--frames", "image data");
        usageError(a("train", "--cache", "/tmp/x", "--resize", "48"), "--resize, --cache", "image data");
    }

    @Test
    void optionsThatDoNotApplyToTheChoicesAreNamed() {
        usageError(a("train", "--neuron", "lmh", "--v0"), "--v0", "lmh");
        usageError(a("train", "--momentum", "0.9"), "--momentum", "adam");
        usageError(a("train", "--gamma", "0.5"), "--gamma", "cosine");
        usageError(a("train", "--lambda-mem", "0.1"), "--lambda-mem", "mpe-psn");
        usageError(a("train", "--connect", "iand"), "--connect");
        usageError(a("train", "--surrogate-param", "2"), "--surrogate-param", "--surrogate");
        usageError(a("train", "--optimizer", "sgd", "--momentum", "0", "--nesterov"), "nesterov");
    }

    @Test
    void anUnknownModelNamesTheValidOnes() {
        usageError(a("train", "--model", "alexnet"), "--model alexnet", "vggsnn", "spec");
    }

    @Test
    void aMissingDataDirectoryNamesHowToGetTheData() {
        usageError(a("train", "--data", "fashion-mnist=/no/such/dir"), "no such directory: /no/such/dir",
                "snn-data/scripts/fetch-datasets.sh fashion-mnist");
        usageError(a("train", "--data", "nmnist=/no/such/dir"), "no such directory", "docs/data.md");
        usageError(a("train", "--data", "mnist"), "needs the dataset's directory");
        usageError(a("train", "--data", "imagenet=/x"), "unknown dataset 'imagenet'", "fashion-mnist-subset");
    }

    @Test
    void aDataDirectoryWithoutItsFilesNamesTheFileAndTheScript(@TempDir Path dir) {
        usageError(a("train", "--data", "mnist=" + dir), "train-images-idx3-ubyte", "fetch-datasets.sh");
    }

    @Test
    void aConfigurationThatCannotFitInMemoryIsRefusedWithTheEstimate() {
        Run r = usageError(a("train", "--T", "20000", "--batch", "8"), "--T 20000 x --batch 8 needs about", "GiB",
                "maxphysicalbytes");
        assertFalse(r.out().contains("epoch"), "nothing trained: " + r.out());
        usageError(a("bench", "neuron", "--N", "268000000"), "--T 8 x --N 268000000 needs about");
    }

    @Test
    void benchNeedsABenchmark() {
        usageError(a("bench"), "neuron, step");
        usageError(a("bench", "step", "--T", "2"), "--model");
    }

    @Test
    void conformanceOnAFolderWithoutCasesIsAnError(@TempDir Path dir) {
        usageError(a("conformance", dir.toString()), "no conformance cases", dir.toString());
        usageError(a("conformance", dir.resolve("nope").toString()), "no such directory");
    }

    @Test
    void eventsOnAnEmptyOrMissingFileIsAnError(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        usageError(a("events", empty.toString()), "empty.bin is empty");
        usageError(a("events", dir.resolve("nope.bin").toString()), "no such file");
    }

    @Test
    void eventsSummarisesTheRealNmnistSample() {
        Path sample = Path.of("../snn-data/src/test/resources/nmnist-sample.bin");
        Run r = run("events", sample.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("events 4325"), r.out());
        assertTrue(r.out().contains("on 2145"), r.out());
        assertTrue(r.out().contains("off 2180"), r.out());
        assertTrue(r.out().contains("first_us 654"), r.out());
        assertTrue(r.out().contains("last_us 311175"), r.out());
    }

    @Test
    void eventsOnAFileOfNoKnownFormatFailsNamingTheFile() throws Exception {
        Path f = Files.createTempFile("not-events", ".dat");
        Files.writeString(f, "hello");
        Run r = run("events", f.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(f.getFileName().toString()), r.err());
        Files.delete(f);
    }

    @Test
    void helpWorksOnEveryCommand() {
        String[][] commands = {{}, {"train"}, {"eval"}, {"resume"}, {"events"}, {"conformance"}, {"bench"},
                {"bench", "neuron"}, {"bench", "step"}, {"jmh"}};
        for (String[] c : commands) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 1);
            args[c.length] = "--help";
            Run r = run(args);
            assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().contains("Usage: snn"), r.out());
        }
        Run train = run("train", "--help");
        for (String o : new String[] {"--model", "--neuron", "--preset", "--surrogate", "--v0", "--v0-init", "--loss",
                "--epsilon", "--lambda", "--T", "--epochs", "--batch", "--optimizer", "--momentum", "--nesterov", "--lr",
                "--weight-decay", "--schedule", "--warmup", "--clip", "--seed", "--data", "--frames", "--limit"}) {
            assertTrue(train.out().contains(o), o + " in train --help");
        }
    }
}
