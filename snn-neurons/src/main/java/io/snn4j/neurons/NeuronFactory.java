package io.snn4j.neurons;

import io.snn4j.core.nn.Module;

/**
 * Makes the spiking layer a model places after a conv/BN block. Models pass the per-sample shape
 * the layer will see ({@code [C, H, W]} or {@code [N]}), which a learnable initial membrane
 * potential needs (one v0 per neuron, IMP).
 */
@FunctionalInterface
public interface NeuronFactory {
    Module create(long... sampleShape);
}
