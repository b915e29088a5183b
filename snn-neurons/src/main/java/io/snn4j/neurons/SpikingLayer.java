package io.snn4j.neurons;

import java.util.LinkedHashMap;
import java.util.Map;

import io.snn4j.core.nn.Module;

/** A neuron layer: consumes time-first {@code [T, B, ...]} input and counts its spikes. */
public abstract class SpikingLayer extends Module {
    private final SpikeCounter counter = new SpikeCounter();

    /** This layer's firing-rate counter. */
    public SpikeCounter counter() {
        return counter;
    }

    /** Firing rates of every spiking layer in a model, by module path. */
    public static Map<String, Double> firingRates(Module model) {
        Map<String, Double> out = new LinkedHashMap<>();
        model.namedModules().forEach((path, m) -> {
            if (m instanceof SpikingLayer s) {
                out.put(path, s.counter().firingRate());
            }
        });
        return out;
    }

    /** Resets the counters of every spiking layer in a model. */
    public static void resetCounters(Module model) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof SpikingLayer s) {
                s.counter().reset();
            }
        }
    }
}
