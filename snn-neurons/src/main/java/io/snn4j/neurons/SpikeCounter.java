package io.snn4j.neurons;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Firing-rate counter of one spiking layer: spikes emitted and neuron-steps seen since the last
 * reset, for monitoring and synaptic-operation energy estimates (TET §5.1). Not thread-safe: a
 * layer is run by one thread at a time.
 */
public final class SpikeCounter {
    private double spikes;
    private long neuronSteps;

    /** Adds a block of output spikes (0/1, or θ-scaled for LM-H: pass the scale). */
    void record(INDArray spikeBlock, double scale) {
        spikes += spikeBlock.sumNumber().doubleValue() / scale;
        neuronSteps += spikeBlock.length();
    }

    /**
     * Adds a count made elsewhere (a fused kernel counts its spikes while it writes them).
     *
     * @param spikes      spikes emitted (in units of one spike)
     * @param neuronSteps neurons × time steps run
     */
    public void add(double spikes, long neuronSteps) {
        this.spikes += spikes;
        this.neuronSteps += neuronSteps;
    }

    /** Spikes per neuron per time step since the last reset (NaN before anything ran). */
    public double firingRate() {
        return neuronSteps == 0 ? Double.NaN : spikes / neuronSteps;
    }

    public double spikes() {
        return spikes;
    }

    public long neuronSteps() {
        return neuronSteps;
    }

    public void reset() {
        spikes = 0;
        neuronSteps = 0;
    }
}
