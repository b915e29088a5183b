package io.snn4j.core.optim;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.snn4j.core.nn.Parameter;

/**
 * An immutable parameter group (PyTorch {@code param_groups}): parameters that share a
 * learning-rate scale and a weight-decay coefficient.
 *
 * <p>The effective learning rate of the group is {@code optimizer.learningRate() * lrScale}, so a
 * schedule that calls {@link Optimizer#setLearningRate(double)} keeps the ratios between groups
 * (e.g. a classifier head at 10× the backbone's rate). Weight decay is per group because the papers'
 * recipes exclude biases, BatchNorm γ/β and learnable initial potentials from it (see
 * {@link ParamGroups#splitWeightDecay}).
 *
 * @param name        label used in error messages and logs
 * @param params      the parameters, in a fixed order (their index in the optimizer's state dict
 *                    follows this order, group after group)
 * @param lrScale     multiplier of the optimizer's learning rate, ≥ 0
 * @param weightDecay weight-decay coefficient, ≥ 0 (L2 in the gradient for Sgd/Adam, decoupled for AdamW)
 */
public record ParamGroup(String name, List<Parameter> params, double lrScale, double weightDecay) {
    public ParamGroup {
        if (name == null) {
            throw new IllegalArgumentException("ParamGroup name must not be null");
        }
        if (params == null) {
            throw new IllegalArgumentException("ParamGroup '" + name + "': params must not be null");
        }
        params = List.copyOf(params);
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        for (Parameter p : params) {
            if (seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("ParamGroup '" + name + "': a parameter appears twice");
            }
        }
        if (!(lrScale >= 0) || Double.isInfinite(lrScale)) {
            throw new IllegalArgumentException("ParamGroup '" + name + "': lrScale must be finite and >= 0, got " + lrScale);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("ParamGroup '" + name + "': weightDecay must be finite and >= 0, got " + weightDecay);
        }
    }

    /** A group with learning-rate scale 1. */
    public static ParamGroup of(String name, Collection<Parameter> params, double weightDecay) {
        return new ParamGroup(name, List.copyOf(params), 1.0, weightDecay);
    }

    /** A copy with another learning-rate scale. */
    public ParamGroup withLrScale(double scale) {
        return new ParamGroup(name, params, scale, weightDecay);
    }

    /** A copy with another weight decay. */
    public ParamGroup withWeightDecay(double wd) {
        return new ParamGroup(name, params, lrScale, wd);
    }

    @Override
    public List<Parameter> params() {
        return Collections.unmodifiableList(params);
    }

    @Override
    public String toString() {
        return "ParamGroup(" + name + ", " + params.size() + " params, lrScale=" + lrScale + ", weightDecay=" + weightDecay + ")";
    }
}
