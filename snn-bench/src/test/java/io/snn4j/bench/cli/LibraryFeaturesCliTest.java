package io.snn4j.bench.cli;

import static io.snn4j.bench.cli.SnnCliTest.a;
import static io.snn4j.bench.cli.SnnCliTest.usageError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import io.snn4j.data.cifar.CifarDataset;
import io.snn4j.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's options for the library's later features: PLIF / Leaky / multi-strength neurons, the newer models and
 * TEBN, the losses on a spiking output layer, and CIFAR / image-folder data. Runs are tiny (a few samples, one
 * epoch, T ≤ 2, an 8-channel conv net) so that they check the wiring, not the learning.
 */
class LibraryFeaturesCliTest {
    private static final String[] TINY = {"--limit", "32", "--epochs", "1", "--T", "2", "--batch", "16", "--model",
        "8C3-AP2-FC"};

    private static SnnCliTest.Run train(Path out, String... extra) {
        String[] args = new String[1 + TINY.length + extra.length + 2];
        args[0] = "train";
        System.arraycopy(TINY, 0, args, 1, TINY.length);
        System.arraycopy(extra, 0, args, 1 + TINY.length, extra.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = out.toString();
        SnnCliTest.Run r = SnnCliTest.run(args);
        assertEquals(0, r.status(), () -> String.join(" ", args) + ": " + r.err());
        assertTrue(r.out().contains("epoch 1 ") && TrainCommandTest.lastLine(r.out()).startsWith("test_accuracy "),
                r.out());
        return r;
    }

    @Test
    void plifLeakyAndMultiStrengthNeuronsTrain(@TempDir Path dir) {
        assertTrue(train(dir.resolve("plif"), "--neuron", "plif").out().contains("neuron plif"));
        assertTrue(train(dir.resolve("leaky"), "--neuron", "leaky", "--surrogate", "triangle", "--threshold", "0.8")
                .out().contains("neuron leaky"));
        assertTrue(train(dir.resolve("ms"), "--neuron", "multi-strength").out().contains("neuron multi-strength"));
    }

    @Test
    void neuronOptionsThatDoNotApplyAreNamed() {
        usageError(a("train", "--neuron", "multi-strength", "--surrogate", "atan"), "--surrogate", "multi-strength");
        usageError(a("train", "--threshold", "0.5"), "--threshold", "--neuron lif", "plif, leaky only");
        usageError(a("train", "--neuron", "plif", "--v0"), "--v0", "plif");
        usageError(a("train", "--neuron", "leaky", "--preset", "imp"), "--preset", "leaky");
        usageError(a("train", "--neuron", "plif", "--threshold", "-1"), "neuron options", "threshold");
    }

    @Test
    void theModelHelpListsEveryModelName() {
        SnnCliTest.Run r = SnnCliTest.run("train", "--help");
        assertEquals(0, r.status(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        for (String name : Models.NAMES) {
            assertTrue(help.contains(name + ",") || help.contains(name + " "), name + " in: " + help);
        }
        assertTrue(help.contains("--tebn"), help);
    }

    @Test
    void connectAppliesToEverySewModelAndOnlyThose() {
        usageError(a("train", "--model", "vggsnn-stride2", "--connect", "iand"), "--connect", "sew-* only");
        // accepted for sew-resnet50: the model is built (memory probe) and only the memory check refuses
        usageError(a("train", "--model", "sew-resnet50", "--connect", "iand", "--T", "20000"), "--T 20000",
                "needs about");
    }

    @Test
    void tebnTrainsAndIsRecordedInTheParameters(@TempDir Path dir) {
        SnnCliTest.Run plain = train(dir.resolve("plain"));
        SnnCliTest.Run tebn = train(dir.resolve("tebn"), "--tebn");
        // one learnable scale per time step per TEBN layer: more parameters than plain BatchNorm
        assertTrue(parameters(tebn.out()) > parameters(plain.out()), plain.out() + "\n" + tebn.out());
    }

    private static long parameters(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) parameters\\)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    @Test
    void spikingOutputLossesTrainAndTheirCheckpointsEvaluate(@TempDir Path dir) {
        for (String loss : new String[] {"rate-ce", "membrane-ce", "ttfs", "ttfs-reciprocal"}) {
            Path run = dir.resolve(loss);
            SnnCliTest.Run r = train(run, "--loss", loss, "--seed", "5");
            SnnCliTest.Run eval = SnnCliTest.run("eval", "--checkpoint", run.resolve("last.ckpt").toString(), "--T",
                    "2", "--model", "8C3-AP2-FC", "--loss", loss, "--seed", "5");
            assertEquals(0, eval.status(), loss + ": " + eval.err());
            assertEquals(TrainCommandTest.lastLine(r.out()), TrainCommandTest.lastLine(eval.out()), loss);
        }
        // a logits checkpoint does not fit the spiking output layer's model (and vice versa)
        usageError(a("eval", "--checkpoint", dir.resolve("rate-ce").resolve("last.ckpt").toString(), "--T", "2",
                "--model", "8C3-AP2-FC"), "does not fit");
    }

    @Test
    void aSpikingOutputLossNeedsAModelThatTakesTheLayerAndTebnNeedsWholeSequences() {
        usageError(a("train", "--model", "dvs-gesture-net", "--loss", "membrane-ce"), "--loss membrane-ce",
                "spiking output layer", "dvs-gesture-net");
        usageError(a("eval", "--checkpoint", "x.ckpt", "--model", "dvs-gesture-net", "--loss", "ttfs"), "--loss ttfs",
                "dvs-gesture-net");
        usageError(a("train", "--tebn", "--T", "4", "--time-slice", "2"), "--time-slice", "--tebn");
    }

    @Test
    void ttfsTakesNoLambdaAsInTheLibrary() {
        usageError(a("train", "--loss", "ttfs", "--lambda", "0.1"), "--lambda 0.1", "ttfs", "no MSE regulariser");
        usageError(a("train", "--loss", "ttfs-reciprocal", "--lambda", "0.5"), "--lambda 0.5");
    }

    @Test
    void cifar10AndCifar100TrainFromTheBinaryFiles(@TempDir Path dir) throws IOException {
        Path c10 = Files.createDirectories(dir.resolve("c10").resolve("cifar-10-batches-bin"));
        for (int i = 1; i <= 5; i++) {
            writeCifar(c10.resolve("data_batch_" + i + ".bin"), 1, 10, 8, i);
        }
        writeCifar(c10.resolve("test_batch.bin"), 1, 10, 12, 9);
        SnnCliTest.Run r = train(dir.resolve("r10"), "--data", "cifar10=" + dir.resolve("c10"));
        assertTrue(r.out().contains(", 32 train / 12 test samples"), r.out());

        Path c100 = Files.createDirectories(dir.resolve("cifar-100-binary"));
        writeCifar(c100.resolve("train.bin"), 2, 100, 40, 1);
        writeCifar(c100.resolve("test.bin"), 2, 100, 6, 2);
        r = train(dir.resolve("r100"), "--data", "cifar100=" + c100, "--loss", "rate-ce");
        assertTrue(r.out().contains(", 32 train / 6 test samples"), r.out());
    }

    /** {@code n} random CIFAR records: {@code labelBytes} label bytes below {@code classes}, then 3072 pixels. */
    private static void writeCifar(Path file, int labelBytes, int classes, int n, long seed) throws IOException {
        Random rng = new Random(seed);
        byte[] b = new byte[n * (labelBytes + CifarDataset.IMAGE_BYTES)];
        rng.nextBytes(b);
        for (int i = 0; i < n; i++) {
            int at = i * (labelBytes + CifarDataset.IMAGE_BYTES);
            for (int j = 0; j < labelBytes; j++) {
                b[at + j] = (byte) rng.nextInt(j == 0 && labelBytes == 2 ? 20 : classes);
            }
        }
        Files.write(file, b);
    }

    @Test
    void cifarAndImageFolderOptionsAreCheckedAndMissingDataNamesHowToGetIt(@TempDir Path dir) throws IOException {
        usageError(a("train", "--data", "cifar10=/no/such/dir"), "no such directory: /no/such/dir",
                "snn-data/scripts/fetch-datasets.sh cifar10");
        usageError(a("train", "--data", "cifar100"), "needs the dataset's directory");
        usageError(a("train", "--data", "cifar10=" + dir), "data_batch_1.bin", "docs/data.md");
        usageError(a("train", "--data", "cifar10=/no/such/dir", "--resize", "16"), "--resize", "image data");
        usageError(a("train", "--data", "imagefolder=" + dir, "--frames", "time"), "--frames", "image data");
        usageError(a("train", "--data", "imagefolder=/no/such/dir"), "no such directory",
                "/no/such/dir/train/<class>/<image>");
        usageError(a("train", "--data", "imagefolder=" + dir), "train", "<class>/<image>", "docs/data.md");
        Files.createDirectories(dir.resolve("train").resolve("cat"));
        usageError(a("train", "--data", "imagefolder=" + dir), "--data imagefolder=", "empty class folder");
    }

    @Test
    void anImageFolderTrainsAtTheResizeSize(@TempDir Path dir) throws IOException {
        Random rng = new Random(1);
        for (String split : new String[] {"train", "val"}) {
            for (String cls : new String[] {"cat", "dog"}) {
                Path d = Files.createDirectories(dir.resolve("img").resolve(split).resolve(cls));
                for (int i = 0; i < (split.equals("train") ? 5 : 2); i++) {
                    BufferedImage img = new BufferedImage(20 + 3 * i, 14 + 2 * i, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < img.getHeight(); y++) {
                        for (int x = 0; x < img.getWidth(); x++) {
                            img.setRGB(x, y, rng.nextInt(1 << 24));
                        }
                    }
                    ImageIO.write(img, "png", d.resolve(i + ".png").toFile());
                }
            }
        }
        SnnCliTest.Run r = train(dir.resolve("run"), "--data", "imagefolder=" + dir.resolve("img"), "--resize", "12");
        assertTrue(r.out().contains(", 10 train / 4 test samples"), r.out());
        Files.createDirectories(dir.resolve("img").resolve("val").resolve("bird"));
        Files.copy(dir.resolve("img/val/cat/0.png"), dir.resolve("img/val/bird/0.png"));
        usageError(a("train", "--data", "imagefolder=" + dir.resolve("img")), "class folders of val", "[cat, dog]");
    }
}
