package io.snn4j.neurons;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.neurons.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A surrogate written in one class by a user trains a small network (through the fused FLOAT kernel). */
class UserSurrogateTrainsTest {

    /** The fast-sigmoid ("SuperSpike", Zenke & Ganguli 2018) surrogate: {@code 1 / (1 + k|x|)²}. */
    record FastSigmoid(double slope) implements Surrogate {
        @Override
        public double grad(double x) {
            double d = 1 + slope * Math.abs(x);
            return 1 / (d * d);
        }

        @Override
        public float grad(float x) {
            float d = 1 + (float) slope * Math.abs(x);
            return 1 / (d * d);
        }

        @Override
        public String name() {
            return "fast-sigmoid";
        }
    }

    @Test
    void fastSigmoidSurrogateTrainsATwoLayerSnn() {
        SplittableRandom rng = new SplittableRandom(7);
        int t = 4;
        int b = 64;
        float[] xs = new float[t * b * 4];
        float[] onehot = new float[b * 2];
        for (int i = 0; i < b; i++) {
            float[] f = new float[4];
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                f[k] = (float) rng.nextDouble(-1, 1);
                sum += f[k] * (k % 2 == 0 ? 1 : -1);
            }
            onehot[i * 2 + (sum > 0 ? 1 : 0)] = 1f;
            for (int s = 0; s < t; s++) {
                System.arraycopy(f, 0, xs, (s * b + i) * 4, 4);
            }
        }
        INDArray x = Nd4j.create(xs, new long[] {t, b, 4}, 'c');
        INDArray y = Nd4j.create(onehot, new long[] {b, 2}, 'c');
        NeuronLayer<Lif> neuron = new NeuronLayer<>(new Lif(LifConfig.tet().toBuilder().surrogate(new FastSigmoid(5)).build()));
        assertTrue(neuron.accelerated(DataType.FLOAT), "the fused kernel runs the user's surrogate");
        Sequential model = new Sequential(new Linear(4, 32, rng), neuron, new Linear(32, 2, rng));
        Adam opt = new Adam(ParamGroups.single(model, 0.0), Adam.Options.of(0.02));
        double first = 0;
        double last = 0;
        for (int step = 0; step < 60; step++) {
            opt.zeroGrad();
            Tensor z = model.forward(Tensor.constant(x.mul(3))).mean(false, 0);     // [B, 2] rate-decoded logits
            Tensor loss = z.exp().sum(false, 1).log().sub(z.mul(Tensor.constant(y)).sum(false, 1)).mean();
            loss.backward();
            opt.step();
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }
}
