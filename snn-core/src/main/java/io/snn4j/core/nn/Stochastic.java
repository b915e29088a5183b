package io.snn4j.core.nn;

import io.snn4j.core.rng.SplitMix64;

/**
 * A module whose forward pass draws random numbers (dropout masks, MPE-PSN's Bernoulli draws): it exposes its
 * checkpointable generator so a training loop can save its state with the model and restore it on resume, which
 * makes a resumed run draw exactly what an uninterrupted one would have. Modules may share one generator.
 */
public interface Stochastic {

    /** The generator this module draws from (its state is what a checkpoint stores). */
    SplitMix64 generator();
}
