package io.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.snn4j.bench.cli.SnnCli;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.data.Split;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.batch.Batch;
import io.snn4j.data.batch.BatchIterator;
import io.snn4j.data.batch.BatchOptions;
import io.snn4j.data.encode.DirectEncoder;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.V0Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Same seed, same machine ⇒ bit-identical training (data order, initialisation, v0 draws, updates). */
class DeterministicTrainingTest {
    static Map<String, Parameter> trainFewSteps(long seed) {
        Module model = new ConvSnn("8C3-AP2-FC", ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                .neurons(Neurons.lifWithV0(LifConfig.tet(), V0Init.standard(), DataType.FLOAT, seed)).seed(seed).build());
        Optimizer opt = new Adam(ParamGroups.splitWeightDecay(model, 1e-4), Adam.Options.of(1e-3));
        BatchOptions bo = BatchOptions.builder().batchSize(16).seed(seed).shuffle(true).prefetch(2)
                .transform(Normalize.fashionMnist()).build();
        try (BatchIterator it = new BatchIterator(FashionMnist.embeddedSubset(Split.TRAIN), bo, 0)) {
            for (int step = 0; step < 4; step++) {
                Batch b = it.next();
                opt.zeroGrad();
                Tensor out = model.forward(Tensor.constant(new DirectEncoder(2).encode(b.x())));
                new TetLoss().loss(out, b.labels()).backward();
                opt.step();
            }
        }
        return model.namedParameters();
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        Map<String, Parameter> a = trainFewSteps(3);
        Map<String, Parameter> b = trainFewSteps(3);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v.value().data().asFloat(), b.get(k).value().data().asFloat(), 0f, k));
        Map<String, Parameter> c = trainFewSteps(4);
        assertTrue(!java.util.Arrays.equals(a.get("classifier.weight").value().data().asFloat(),
                c.get("classifier.weight").value().data().asFloat()), "another seed must train differently");
    }

    static String cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = SnnCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, status, e.toString(StandardCharsets.UTF_8));
        return o.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainCommandWritesARunDirectoryAndResumesFromIt(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String first = cli("train", "--epochs", "1", "--T", "2", "--limit", "64", "--batch", "32", "--out", run.toString());
        assertTrue(first.contains("epoch 1 "), first);
        assertTrue(first.lines().anyMatch(l -> l.startsWith("test_accuracy ")), first);
        assertTrue(Files.exists(run.resolve("last.ckpt")) && Files.exists(run.resolve("config.json")));
        assertEquals(0, Checkpoint.load(run.resolve("last.ckpt")).epoch());
        String second = cli("train", "--epochs", "2", "--T", "2", "--limit", "64", "--batch", "32", "--resume", run.toString());
        assertTrue(second.contains("resumed") && second.contains("epoch 2 ") && !second.contains("epoch 1 "), second);
        assertEquals(1, Checkpoint.load(run.resolve("last.ckpt")).epoch());
    }
}
