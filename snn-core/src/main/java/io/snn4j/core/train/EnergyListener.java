package io.snn4j.core.train;

import io.snn4j.core.nn.SynapticOps;

/**
 * Adds the energy estimate of TET §5.1 (docs/spec.md §9) to every evaluation: synaptic operations counted by
 * {@link SynapticOps} over the test set, as microjoules per sample in the metric {@value #METRIC}. Built into
 * every {@link Trainer}.
 */
public final class EnergyListener implements TrainingListener {
    /** The metric name. */
    public static final String METRIC = "energy_uJ";

    private SynapticOps ops;

    @Override
    public void onEvaluationStart(TrainingContext ctx) {
        ops = SynapticOps.attach(ctx.model());
    }

    @Override
    public void onEvaluationEnd(TrainingContext ctx, Evaluation evaluation, Metrics extra) {
        SynapticOps.detach(ctx.model());
        if (ops != null && evaluation.samples() > 0) {
            extra.put(METRIC, ops.energyPicojoules() / evaluation.samples() / 1e6);
        }
        ops = null;
    }
}
