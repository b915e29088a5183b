package io.snn4j.models;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Conv2d;

/** Input checks shared by the models, with messages that name the model and the shapes. */
final class ModelChecks {
    private ModelChecks() {
    }

    /** As below, and for a TEBN model ({@code tebnTimeSteps > 0}) the number of steps it was built for. */
    static void timeFirstImages(String model, Tensor x, Conv2d first, int tebnTimeSteps) {
        timeFirstImages(model, x, first);
        if (tebnTimeSteps > 0 && x.size(0) != tebnTimeSteps) {
            throw new IllegalArgumentException(model + ": built with TEBN for T = " + tebnTimeSteps
                    + " steps but got input " + Arrays.toString(x.shape()));
        }
    }

    static void timeFirstImages(String model, Tensor x, Conv2d first) {
        long[] s = x.shape();
        if (s.length != 5) {
            throw new IllegalArgumentException(model + ": expected input [T, B, C, H, W] but got " + Arrays.toString(s));
        }
        long c = first.weight().size(1);
        if (s[2] != c) {
            throw new IllegalArgumentException(model + ": input " + Arrays.toString(s) + " has " + s[2]
                    + " channels but the first convolution expects " + c + " (weight " + Arrays.toString(first.weight().shape()) + ")");
        }
        if (x.dataType() != first.weight().dataType()) {
            throw new IllegalArgumentException(model + ": input is " + x.dataType() + " but the model is "
                    + first.weight().dataType());
        }
    }
}
