package io.snn4j.bench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.train.BatchResult;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingContext;
import io.snn4j.core.train.TrainingListener;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.Split;
import io.snn4j.data.augment.CenterCrop;
import io.snn4j.data.cifar.CifarDataset;
import io.snn4j.data.train.SampleBatches;
import io.snn4j.losses.TetLoss;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.ResNet19;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A few training steps of ResNet-19 (full width) through the {@code Trainer} on CIFAR-10 binary files that the test
 * writes ({@code data_batch_1..5.bin}, {@code test_batch.bin}) and reads back with {@link CifarDataset}, with the
 * papers' training augmentation; the images are centre-cropped to 8×8 afterwards so the test stays fast on a CPU
 * (ResNet-19 is fully convolutional up to its global average pool, so the input size is an option of the model).
 */
class ResNet19CifarTrainingTest {

    @Test
    void resNet19TrainsAFewStepsOnCifarFormatFilesThroughTheTrainer(@TempDir Path dir) throws IOException {
        Path batches = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 1; i <= 5; i++) {
            writeCifar10(batches.resolve("data_batch_" + i + ".bin"), 1, rng);
        }
        writeCifar10(batches.resolve("test_batch.bin"), 2, rng);
        CifarDataset train = CifarDataset.cifar10(dir, Split.TRAIN);
        CifarDataset test = CifarDataset.cifar10(dir, Split.TEST);
        assertEquals(5, train.size());
        assertEquals(2, test.size());

        int crop = 8;
        ModelOptions o = ModelOptions.builder().inChannels(3).numClasses(10).inputSize(crop)
                .neurons(Neurons.lif(LifConfig.tet())).seed(3).build();
        Module model = new ResNet19(o);
        List<INDArray> before = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            before.add(p.value().dup());
        }
        List<BatchResult> steps = new ArrayList<>();
        TrainingResult r = Trainer.builder()
                .model(model)
                .loss(new TetLoss())
                .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(1e-3)))
                .trainData(SampleBatches.builder(train).batchSize(2).dropLast(true)
                        .transform(CifarDataset.trainTransform(CifarDataset.Variant.CIFAR10, true).andThen(new CenterCrop(crop)))
                        .build())
                .testData(SampleBatches.evaluation(test, 2,
                        CifarDataset.testTransform(CifarDataset.Variant.CIFAR10).andThen(new CenterCrop(crop))))
                .config(TrainerConfig.builder().epochs(1).timeSteps(2).seed(11).clipGradNorm(5.0).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(TrainingContext ctx, BatchResult batch) {
                        steps.add(batch);
                    }
                })
                .build().fit();

        assertEquals(2, steps.size(), "5 images at batch 2, last partial batch dropped: 2 steps");
        for (BatchResult b : steps) {
            assertTrue(Double.isFinite(b.loss()) && b.loss() > 0, "finite positive loss at step " + b.globalStep());
        }
        assertEquals(2, r.evaluation().samples());
        assertEquals(2, r.evaluation().perStepAccuracy().length);
        int changed = 0;
        List<Parameter> after = r.model().parameters();
        for (int i = 0; i < after.size(); i++) {
            if (!after.get(i).value().equalsWithEps(before.get(i), 0.0)) {
                changed++;
            }
        }
        assertTrue(changed > after.size() / 2, "the optimizer moved most parameters (" + changed + " of " + after.size() + ")");
    }

    /** {@code n} CIFAR-10 records: one label byte then 3,072 pixel bytes (R, G, B planes, row-major). */
    static void writeCifar10(Path file, int n, SplittableRandom rng) throws IOException {
        byte[] data = new byte[n * CifarDataset.Variant.CIFAR10.recordBytes()];
        for (int i = 0; i < n; i++) {
            int base = i * CifarDataset.Variant.CIFAR10.recordBytes();
            data[base] = (byte) rng.nextInt(10);
            for (int k = 1; k <= CifarDataset.IMAGE_BYTES; k++) {
                data[base + k] = (byte) rng.nextInt(256);
            }
        }
        Files.write(file, data);
    }
}
