package io.snn4j.core.train;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link Trainer} minimises, with the prediction rule that belongs to it: a loss over the per-step
 * outputs {@code O[T, B, K]} of a model and the class it predicts per sample (docs/spec.md §6–7). The spiking losses of
 * {@code snn-losses} ({@code SpikingLoss}) are objectives; the trainer needs nothing else from them, so it
 * predicts exactly as the loss trains (mean over time for SDT/TET, the last step for LTS).
 */
public interface Objective {

    /**
     * The loss, a scalar tensor recorded on the tape.
     *
     * @param outputs per-step outputs {@code [T, B, K]}
     * @param labels  class indices {@code [B]}, each in {@code [0, K)}
     */
    Tensor loss(Tensor outputs, int[] labels);

    /** Predicted class per sample for outputs {@code [T, B, K]}: the argmax of the rule this loss trains for. */
    int[] predict(INDArray outputs);

    /** Short name for logs and run directories ("tet", "sdt+mse", ...). */
    String name();
}
