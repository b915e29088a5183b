package io.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.train.LossGuard;
import io.snn4j.data.Split;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.batch.Batch;
import io.snn4j.data.batch.BatchIterator;
import io.snn4j.data.batch.BatchOptions;
import io.snn4j.data.encode.DirectEncoder;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.data.idx.ImageDataset;
import io.snn4j.losses.MixedLoss;
import io.snn4j.losses.SpikingLoss;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ConvSnn;
import io.snn4j.models.ModelOptions;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example of README.md, verbatim but for a step limit, so the README cannot rot. */
class ReadmeExampleTest {
    @Test
    void readmeUsageExampleRunsAndSavesACheckpoint(@TempDir Path dir) throws Exception {
        int maxSteps = 20;
        double first = Double.NaN;
        double last = Double.NaN;
        // ---- README.md "Usage" (Path.of("run.ckpt") → dir.resolve("run.ckpt")) ----
        Module model = new ConvSnn("16C3-AP2-32C3-AP2-FC", ModelOptions.builder()
                .inChannels(1).numClasses(10).inputSize(28)
                .neurons(Neurons.lif(LifConfig.tet()))          // TET LIF: decay 0.5, hard reset, triangle surrogate
                .seed(0).build());
        SpikingLoss loss = new MixedLoss(new TetLoss(), 0.001);  // (1 − λ)·TET + λ·MSE
        Optimizer opt = new Adam(ParamGroups.splitWeightDecay(model, 0.0), Adam.Options.of(1e-3));
        ImageDataset train = FashionMnist.embeddedSubset(Split.TRAIN);
        BatchOptions batches = BatchOptions.builder().batchSize(32).seed(0).shuffle(true)
                .transform(Normalize.fashionMnist()).build();
        DirectEncoder encoder = new DirectEncoder(4);            // repeat each image T = 4 times
        try (BatchIterator it = new BatchIterator(train, batches, /* epoch */ 0)) {
            for (long step = 0; it.hasNext() && step < maxSteps; step++) {
                Batch b = it.next();
                opt.zeroGrad();
                Tensor out = model.forward(Tensor.constant(encoder.encode(b.x())));   // [T, B, 10]
                Tensor l = LossGuard.check(loss.loss(out, b.labels()), step);
                l.backward();                                    // BPTT through the fused neuron kernels
                opt.step();
                if (step == 0) {
                    first = l.item();
                }
                last = l.item();
            }
        }
        Checkpoint.builder().model(model).optimizer(opt).epoch(0).build().save(dir.resolve("run.ckpt"));
        // ---- end of example ----
        assertTrue(Files.size(dir.resolve("run.ckpt")) > 4 * model.parameterCount());
        assertTrue(last < first, "20 Adam steps should lower the loss: " + first + " -> " + last);
    }
}
