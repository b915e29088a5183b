package io.snn4j.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.optim.Adam;
import io.snn4j.losses.LossSpec;
import io.snn4j.losses.SpikingLoss;
import io.snn4j.neurons.LifConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** End to end: a spiking output layer learns a toy task with each of the seed slides' objectives. */
class SpikingOutputTrainingTest {
    static final int T = 8;
    static final int B = 30;
    static final int F = 6;
    static final int K = 3;

    /** Class c raises features 2c and 2c + 1; noise on every feature; constant over time. */
    static INDArray data(int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[T * B * F];
        for (int b = 0; b < B; b++) {
            labels[b] = b % K;
            for (int f = 0; f < F; f++) {
                double v = (f / 2 == labels[b] ? 1.0 : 0.0) + 0.3 * r.nextDouble();
                for (int t = 0; t < T; t++) {
                    x[(t * B + b) * F + f] = v;
                }
            }
        }
        return Nd4j.create(x, new long[] {T, B, F}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    static double accuracy(int[] pred, int[] labels) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            ok += pred[i] == labels[i] ? 1 : 0;
        }
        return ok / (double) labels.length;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rate-ce, SPIKES", "membrane-ce, MEMBRANE", "ttfs, SPIKES", "ttfs-reciprocal, SPIKES"})
    void aSpikingOutputLayerLearnsAToyTask(String lossType, SpikingOutput.Readout readout) {
        SpikingOutput head = new SpikingOutput(F, K, new SpikingOutput.Spec(LifConfig.tet(), readout), DataType.FLOAT,
                new SplittableRandom(1));
        SpikingLoss loss = LossSpec.of(lossType, null, null, null).build();
        int[] labels = new int[B];
        Tensor x = Tensor.constant(data(labels, 2));
        Adam opt = new Adam(head.parameters(), Adam.Options.of(0.05));
        double before = accuracy(loss.predict(head.forward(x).value()), labels);
        for (int step = 0; step < 150; step++) {
            opt.zeroGrad();
            loss.loss(head.forward(x), labels).backward();
            opt.step();
        }
        int[] testLabels = new int[B];
        Tensor test = Tensor.constant(data(testLabels, 3));
        double after = accuracy(loss.predict(head.forward(test).value()), testLabels);
        System.out.printf("%s: toy accuracy %.2f before, %.2f after 150 Adam steps%n", lossType, before, after);
        assertTrue(after >= 0.9, lossType + ": test accuracy " + after + " (before training " + before + ")");
    }
}
