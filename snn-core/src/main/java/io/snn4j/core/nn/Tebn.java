package io.snn4j.core.nn;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Temporal effective batch normalisation (TEBN, Duan et al., NeurIPS 2022): BatchNorm over T·B of a
 * {@code [T, B, C, H, W]} input, then a learnable scale per time step. Members follow the authors'
 * code: child {@code bn} ({@link BatchNorm2d}: {@code bn.gamma}, {@code bn.beta}, running buffers) and
 * parameter {@code p} of shape {@code [T, 1, 1, 1, 1]} (T values, init 1, no decay).
 */
public final class Tebn extends Module {
    private final int channels;
    private final int timeSteps;
    private final BatchNorm2d bn;
    private final Parameter p;

    /** eps 1e-5, momentum 0.1. */
    public Tebn(int channels, int timeSteps, DataType dataType) {
        this(channels, timeSteps, 1e-5, 0.1, dataType);
    }

    public Tebn(int channels, int timeSteps, double eps, double momentum, DataType dataType) {
        this.channels = Checks.positive("Tebn", "channels", channels);
        this.timeSteps = Checks.positive("Tebn", "timeSteps", timeSteps);
        Checks.notNull("Tebn", "dataType", dataType);
        this.bn = registerModule("bn", new BatchNorm2d(channels, eps, momentum, dataType));
        this.p = registerParameter("p", Parameter.noDecay(Nd4j.ones(dataType, timeSteps, 1, 1, 1, 1)));
    }

    public BatchNorm2d bn() {
        return bn;
    }

    /** The per-step scale, {@code [T, 1, 1, 1, 1]}. */
    public Parameter scale() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        long[] s = x.shape();
        if (s.length != 5 || s[0] != timeSteps || s[2] != channels) {
            throw new IllegalArgumentException(this + ": expected input [" + timeSteps + ", B, " + channels
                    + ", H, W] but got " + Arrays.toString(s));
        }
        Tensor y = bn.forward(x.reshape(s[0] * s[1], s[2], s[3], s[4])).reshape(s);
        return y.mul(p);
    }

    @Override
    public String toString() {
        return "Tebn(" + channels + ", T=" + timeSteps + ")";
    }
}
