package io.snn4j.core.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward half of one recorded operation: given dL/d(output) for each of the operation's
 * outputs, returns dL/d(input) for each input, in input order.
 *
 * <p>Entries of {@code gradOutputs} are never null: outputs that received no gradient are passed as
 * zeros. An entry of the result may be null for an input that needs no gradient (a constant, an
 * integer label array, a detached value). Implementations capture what they saved in the forward
 * pass; the tape drops the function (and with it those arrays) once it has run, unless the graph
 * is retained.
 */
@FunctionalInterface
public interface BackwardFunction {
    INDArray[] apply(INDArray[] gradOutputs);
}
