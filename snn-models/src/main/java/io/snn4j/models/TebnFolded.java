package io.snn4j.models;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Tebn;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@link Tebn} (Duan et al., NeurIPS 2022; docs/spec.md §7) as a drop-in replacement for a BatchNorm on time folded
 * into the batch: input {@code [T·B, C, H, W]} is unfolded to {@code [T, B, C, H, W]}, normalised with its
 * per-step scale and folded back. Member {@code tebn} ({@code tebn.bn.gamma}, {@code tebn.bn.beta},
 * {@code tebn.p}).
 */
public final class TebnFolded extends Module {
    private final Tebn tebn;
    private final int timeSteps;

    public TebnFolded(int channels, int timeSteps, double eps, DataType type) {
        this.timeSteps = timeSteps;
        this.tebn = registerModule("tebn", new Tebn(channels, timeSteps, eps, BatchNorm2d.DEFAULT_MOMENTUM, type));
    }

    /** The BatchNorm inside (its γ and β are what a zero-init sets). */
    public BatchNorm2d bn() {
        return tebn.bn();
    }

    @Override
    public Tensor forward(Tensor x) {
        long[] s = x.shape();
        if (s.length != 4 || s[0] % timeSteps != 0) {
            throw new IllegalArgumentException(this + ": expected time-folded input [T·B, C, H, W] with T = " + timeSteps
                    + " but got " + Arrays.toString(s) + " (TEBN models only accept sequences of " + timeSteps + " steps)");
        }
        return tebn.forward(x.reshape(timeSteps, s[0] / timeSteps, s[1], s[2], s[3])).reshape(s);
    }

    @Override
    public String toString() {
        return "TebnFolded(" + tebn + ")";
    }
}
