package io.snn4j.neurons;

import java.util.Map;

import io.snn4j.core.train.Evaluation;
import io.snn4j.core.train.Metrics;
import io.snn4j.core.train.TrainingContext;
import io.snn4j.core.train.TrainingListener;

/**
 * Adds the firing rate of every {@link SpikingLayer} to each evaluation (spikes per neuron per step over the test
 * set): {@code firing_rate.<module path>} per layer and their mean {@code firing_rate}.
 *
 * <pre>{@code
 * Trainer.builder()...listener(new FiringRateListener())...
 * }</pre>
 */
public final class FiringRateListener implements TrainingListener {
    /** The mean over layers; per-layer metrics are this name, a dot and the layer's path. */
    public static final String METRIC = "firing_rate";

    @Override
    public void onEvaluationStart(TrainingContext ctx) {
        SpikingLayer.resetCounters(ctx.model());
    }

    @Override
    public void onEvaluationEnd(TrainingContext ctx, Evaluation evaluation, Metrics extra) {
        Map<String, Double> rates = SpikingLayer.firingRates(ctx.model());
        double sum = 0;
        int n = 0;
        for (Map.Entry<String, Double> e : rates.entrySet()) {
            extra.put(METRIC + "." + e.getKey(), e.getValue());
            if (!Double.isNaN(e.getValue())) {
                sum += e.getValue();
                n++;
            }
        }
        extra.put(METRIC, n == 0 ? Double.NaN : sum / n);
    }
}
