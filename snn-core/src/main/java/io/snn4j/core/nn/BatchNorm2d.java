package io.snn4j.core.nn;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Normalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation of {@code [N, C, H, W]} (PyTorch {@code nn.BatchNorm2d}; tdBN when wrapped in
 * {@link TimeFolded}). Parameters {@code gamma [C]} = 1, {@code beta [C]} = 0 (no decay); buffers
 * {@code runningMean [C]} = 0, {@code runningVar [C]} = 1. Batch statistics in training mode,
 * running statistics in eval mode ({@link Module#isTraining()}).
 */
public class BatchNorm2d extends Module {
    private final int channels;
    private final double eps;
    private final double momentum;
    private final int inputRank;
    private final Parameter gamma;
    private final Parameter beta;
    private final INDArray runningMean;
    private final INDArray runningVar;

    /** eps 1e-5, momentum 0.1 (PyTorch defaults, tdBN/TET). */
    /** tdBN/PyTorch defaults (docs/spec.md §7). */
    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    public BatchNorm2d(int channels, DataType dataType) {
        this(channels, DEFAULT_EPS, DEFAULT_MOMENTUM, dataType);
    }

    public BatchNorm2d(int channels, double eps, double momentum, DataType dataType) {
        this(channels, eps, momentum, dataType, 4, "BatchNorm2d");
    }

    BatchNorm2d(int channels, double eps, double momentum, DataType dataType, int inputRank, String name) {
        this.channels = Checks.positive(name, "channels", channels);
        if (!(eps > 0)) {
            throw new IllegalArgumentException(name + ": eps must be > 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name + ": momentum must be in [0, 1], got " + momentum);
        }
        Checks.notNull(name, "dataType", dataType);
        this.eps = eps;
        this.momentum = momentum;
        this.inputRank = inputRank;
        this.gamma = registerParameter("gamma", Parameter.noDecay(Nd4j.ones(dataType, channels)));
        this.beta = registerParameter("beta", Parameter.noDecay(Nd4j.zeros(dataType, channels)));
        this.runningMean = registerBuffer("runningMean", Nd4j.zeros(dataType, channels));
        this.runningVar = registerBuffer("runningVar", Nd4j.ones(dataType, channels));
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    /** The running mean, updated in place in training mode. */
    public INDArray runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, updated in place in training mode. */
    public INDArray runningVar() {
        return runningVar;
    }

    public double eps() {
        return eps;
    }

    public double momentum() {
        return momentum;
    }

    /** Whether {@code shape} is an accepted input shape. */
    boolean accepts(long[] shape) {
        return shape.length == inputRank && shape[1] == channels;
    }

    String expected() {
        return "[N, " + channels + ", H, W]";
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!accepts(x.shape())) {
            throw new IllegalArgumentException(this + ": expected input " + expected() + " but got "
                    + Arrays.toString(x.shape()));
        }
        return Normalization.batchNorm(x, gamma, beta, runningMean, runningVar, isTraining(), momentum, eps);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + channels + ")";
    }
}
