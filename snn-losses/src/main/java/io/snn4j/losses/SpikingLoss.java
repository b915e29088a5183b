package io.snn4j.losses;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.train.Objective;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classification loss over the per-step outputs {@code O[T, B, K]} of a spiking network, with the matching
 * prediction rule (docs/spec.md §6, §7 "Prediction"): per-step logits of a non-spiking head (SDT, TET, TET-S, LTS), or
 * the spikes or membrane potentials of a spiking output layer (rate, TTFS and membrane cross-entropy). It is the
 * {@link Objective} a {@code Trainer} minimises.
 */
public interface SpikingLoss extends Objective {

    /**
     * The loss, a scalar tensor of the same data type as {@code outputs}, recorded on the tape as one fused
     * operation whose backward gives dL/dO.
     *
     * @param outputs per-step logits {@code [T, B, K]}, FLOAT or DOUBLE
     * @param labels  class indices {@code [B]}, each in {@code [0, K)}
     */
    @Override
    Tensor loss(Tensor outputs, int[] labels);

    /** Predicted class per sample for logits {@code [T, B, K]}: the argmax of the rule this loss trains for. */
    @Override
    int[] predict(INDArray outputs);

    /** Short name, as used in loss specs ({@link LossSpec#TYPES}, with "+mse" when mixed). */
    @Override
    String name();
}
