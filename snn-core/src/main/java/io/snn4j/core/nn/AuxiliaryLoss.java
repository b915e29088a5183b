package io.snn4j.core.nn;

import io.snn4j.core.autograd.Tensor;

/**
 * A module that adds a loss term of its own to the task loss, recorded by its last forward pass: MPE-PSN's
 * membrane-approximation loss (docs/spec.md §5) is one. A training loop finds these modules in the model tree
 * and mixes their terms in, so it needs no knowledge of the concrete layer types.
 */
public interface AuxiliaryLoss {

    /** The scalar loss term recorded by the last forward pass (on the tape), or null when it recorded none. */
    Tensor auxiliaryLoss();
}
