package io.snn4j.core.train;

import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.LinearOps;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test model: linear → sigmoid → linear, with a buffer counting training forwards. */
public final class TinyMlp extends Module {
    /** A linear layer (weight with decay, bias without). */
    public static final class Fc extends Module {
        public final Parameter weight;
        public final Parameter bias;

        public Fc(long in, long out, DataType type, RandomGenerator rng) {
            weight = registerParameter("weight", Parameter.of(Init.defaultWeight(type, new long[] {out, in}, in, rng)));
            bias = registerParameter("bias", Parameter.noDecay(Init.defaultBias(type, out, in, rng)));
        }

        @Override
        public Tensor forward(Tensor x) {
            return LinearOps.linear(x, weight, bias);
        }
    }

    public final Fc fc1;
    public final Fc fc2;
    private final INDArray calls;

    public TinyMlp(long in, long hidden, long out, DataType type, RandomGenerator rng) {
        fc1 = registerModule("fc1", new Fc(in, hidden, type, rng));
        fc2 = registerModule("fc2", new Fc(hidden, out, type, rng));
        calls = registerBuffer("calls", Nd4j.zeros(DataType.DOUBLE, 1));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (isTraining()) {
            calls.addi(1.0);
        }
        return fc2.forward(fc1.forward(x).sigmoid());
    }

    /** Mean squared error. */
    public static Tensor mse(Tensor y, Tensor target) {
        return y.sub(target).square().mean();
    }
}
