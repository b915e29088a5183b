package io.snn4j.core.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.LinearOps;
import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Fully connected layer {@code y = x·Wᵀ + b} on the last axis (PyTorch {@code nn.Linear}); works per
 * time step on {@code [T, B, in]}. Parameters: {@code weight [out, in]} (decayed), {@code bias [out]}
 * (no decay).
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    /** Set by {@link SynapticOps#attach}; null when not counting. */
    SynapticOps.Layer counter;

    /** FLOAT, with bias. */
    public Linear(int inFeatures, int outFeatures, RandomGenerator rng) {
        this(inFeatures, outFeatures, true, DataType.FLOAT, rng);
    }

    /** PyTorch default init: weight and bias uniform on ±1/√in, weight drawn first. */
    public Linear(int inFeatures, int outFeatures, boolean bias, DataType dataType, RandomGenerator rng) {
        this.inFeatures = Checks.positive("Linear", "inFeatures", inFeatures);
        this.outFeatures = Checks.positive("Linear", "outFeatures", outFeatures);
        Checks.notNull("Linear", "dataType", dataType);
        Checks.notNull("Linear", "rng", rng);
        this.weight = registerParameter("weight", Parameter.of(
                Init.defaultWeight(dataType, new long[] {outFeatures, inFeatures}, inFeatures, rng)));
        this.bias = bias ? registerParameter("bias", Parameter.noDecay(Init.defaultBias(dataType, outFeatures, inFeatures, rng)))
                : null;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.size(x.rank() - 1) != inFeatures) {
            throw new IllegalArgumentException(this + ": expected input [..., " + inFeatures + "] but got "
                    + Arrays.toString(x.shape()));
        }
        Tensor y = LinearOps.linear(x, weight, bias);
        if (counter != null) {
            counter.record(x.value(), x.length() * outFeatures);
        }
        return y;
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + "→" + outFeatures + (bias == null ? ", no bias" : "") + ")";
    }
}
