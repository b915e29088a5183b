package io.snn4j.models;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Qcfs;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The QCFS activation as a layer (Bu et al., ICLR 2022, eq. 12; see {@link Qcfs}):
 * {@code a = λ/L · clip(floor(z·L/λ + 1/2), 0, L)}, element-wise on any shape, with one learnable threshold
 * λ per layer (parameter {@code threshold}, shape {@code [1]}, excluded from weight decay). It takes the place
 * of the spiking neurons in the ANN twin of a model ({@link QcfsAnn}); after conversion λ becomes the
 * threshold θ of the LM-H neuron at the same position.
 */
public final class QcfsActivation extends Module {
    private final int levels;
    private final Parameter threshold;

    public QcfsActivation(QcfsConfig config, DataType type) {
        if (config == null || type == null) {
            throw new IllegalArgumentException("QcfsActivation: config and data type must not be null");
        }
        this.levels = config.levels();
        this.threshold = registerParameter("threshold",
                Parameter.noDecay(Nd4j.scalar(type, config.initialThreshold()).reshape(1)));
    }

    /** L. */
    public int levels() {
        return levels;
    }

    /** λ. */
    public Parameter threshold() {
        return threshold;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Qcfs.apply(x, threshold, levels);
    }

    @Override
    public String toString() {
        return "QcfsActivation(L=" + levels + ", λ=" + threshold.value().getDouble(0) + ")";
    }
}
