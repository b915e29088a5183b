package io.snn4j.core.optim;

import java.util.ArrayList;
import java.util.List;

import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;

/**
 * Builds parameter groups the way the papers' training recipes do (weight decay on conv/linear
 * weights only; cf. the common PyTorch {@code no_decay} split).
 */
public final class ParamGroups {
    private ParamGroups() {
    }

    /**
     * Two groups: {@code "decay"} with every parameter whose {@link Parameter#weightDecay()} is true
     * (weights) and coefficient {@code weightDecay}, then {@code "no_decay"} with the rest (biases,
     * BatchNorm γ/β, learnable initial potentials) and coefficient 0. Both keep the model's parameter
     * order and have learning-rate scale 1. Frozen parameters are included (optimizers skip them).
     */
    public static List<ParamGroup> splitWeightDecay(Module model, double weightDecay) {
        List<Parameter> decay = new ArrayList<>();
        List<Parameter> noDecay = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            (p.weightDecay() ? decay : noDecay).add(p);
        }
        return List.of(ParamGroup.of("decay", decay, weightDecay), ParamGroup.of("no_decay", noDecay, 0.0));
    }

    /** One group {@code "all"} with every parameter of the model and the given weight decay. */
    public static List<ParamGroup> single(Module model, double weightDecay) {
        return List.of(ParamGroup.of("all", model.parameters(), weightDecay));
    }
}
