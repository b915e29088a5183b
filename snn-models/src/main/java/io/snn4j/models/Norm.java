package io.snn4j.models;

import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Module;

/**
 * The normalisation a model places after a convolution, on time folded into the batch: plain BatchNorm over
 * T·B (tdBN) or {@link TebnFolded}, as {@link ModelOptions#tebn()} says; {@code bn} is the BatchNorm inside
 * (the one a residual zero-init sets).
 */
record Norm(Module module, BatchNorm2d bn) {

    static Norm create(ModelOptions o, int channels) {
        return create(o, channels, BatchNorm2d.DEFAULT_EPS);
    }

    static Norm create(ModelOptions o, int channels, double eps) {
        if (o.tebn()) {
            TebnFolded t = new TebnFolded(channels, o.tebnTimeSteps(), eps, o.dataType());
            return new Norm(t, t.bn());
        }
        BatchNorm2d bn = new BatchNorm2d(channels, eps, BatchNorm2d.DEFAULT_MOMENTUM, o.dataType());
        return new Norm(bn, bn);
    }
}
