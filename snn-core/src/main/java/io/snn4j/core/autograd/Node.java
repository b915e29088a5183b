package io.snn4j.core.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One recorded operation on the tape: its inputs, its backward function, and (during a backward
 * pass) the gradients accumulated for its outputs.
 */
final class Node {
    final String op;
    final Tensor[] inputs;
    final long[][] outputShapes;
    BackwardFunction backward;
    INDArray[] outputGrads;
    boolean freed;

    Node(String op, Tensor[] inputs, BackwardFunction backward, long[][] outputShapes) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.outputShapes = outputShapes;
    }

    /** Drops the backward function and the arrays it captured. */
    void free() {
        backward = null;
        outputGrads = null;
        freed = true;
    }
}
