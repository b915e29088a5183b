package io.snn4j.bench.experiments;

import java.io.IOException;
import java.nio.file.Path;

import io.snn4j.bench.experiments.ResultsTable.Format;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.train.SampleBatches.Encoding;
import io.snn4j.losses.LossSpec;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.SpikingOutput;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.surrogate.Surrogate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, table 2 (the snnTorch slide deck's MNIST comparison, 93.87 % rate vs 95.35 % TTFS): a conv SNN with a
 * spiking output layer trained on MNIST with rate coding (Poisson input, cross-entropy on output spike counts) and
 * with time-to-first-spike coding (latency input, TTFS loss on the first output spike times, logits −t).
 * Pixels enter in [0, 1] (no normalisation) as the encoders expect. Hidden and output neurons are snnTorch's
 * {@code Leaky} (β = 0.95, threshold 1, reset by subtraction, arctan surrogate; {@link #SNNTORCH_LEAKY}): with
 * the TET preset (decay 0.5, hard reset) the sparse encoded input left the output layer silent, and with the
 * sigmoid surrogate the TTFS net fell silent after a few steps and stayed so (the sigmoid's exponential tail gives a
 * membrane far below threshold exactly zero gradient; arctan's polynomial tail, snnTorch's default, does not).
 */
@Tag("experiment")
class RateVsTtfsExperiment {
    static final String NAME = "RateVsTtfsExperiment";
    /** snnTorch's {@code Leaky} neuron of the tutorials the slides follow: U = 0.95·U + I, subtract-reset at 1, atan. */
    static final LifConfig SNNTORCH_LEAKY = LifConfig.builder().decay(0.95).gain(1.0).threshold(1.0)
            .resetMode(ResetMode.SOFT).surrogate(Surrogate.arctan()).build();
    /** 2 codings × 3 seeds × 2 epochs over 10,000 images at T = 10: see docs/experiments.md. */
    static final ExperimentScale DEFAULTS = new ExperimentScale(10000, 2000, 2, 3, 32, 10, "small", 1e-3,
            Path.of("target/experiments"), false);

    @Test
    void rateCodingVersusTimeToFirstSpike() throws IOException {
        ExperimentScale scale = DEFAULTS.withOverrides();
        ExperimentData.Splits data = ExperimentData.mnist(scale);
        ResultsTable table = new ResultsTable("Rate coding vs time-to-first-spike on MNIST")
                .column("test acc", Format.PERCENT).column("train s/epoch", Format.SECONDS);
        record Coding(String label, Encoding encoding, String loss) {
        }
        for (Coding c : new Coding[] {new Coding("rate (Poisson input, rate-ce)", Encoding.POISSON, "rate-ce"),
                new Coding("TTFS (latency input, ttfs −t)", Encoding.LATENCY, "ttfs")}) {
            for (int seed = 0; seed < scale.seeds(); seed++) {
                long s = seed;
                ModelOptions o = ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28)
                        .neurons(Neurons.lif(SNNTORCH_LEAKY)).seed(s)
                        .spikingOutput(new SpikingOutput.Spec(SNNTORCH_LEAKY, SpikingOutput.Readout.SPIKES)).build();
                TrainingResult r = ExperimentRuns.fit(ExperimentRuns.runDirectory(scale, NAME, c.loss(), s),
                        t -> ExperimentRuns.model(scale.model(), o), LossSpec.of(c.loss(), null, null, null).build(),
                        ExperimentRuns.training(data.train(), scale, null, c.encoding()),
                        ExperimentRuns.evaluation(data.test(), null, c.encoding()), scale, s, x -> x);
                table.add(c.label(), "test acc", r.testAccuracy());
                table.add(c.label(), "train s/epoch", ExperimentRuns.trainSecondsPerEpoch(r));
            }
        }
        ExperimentRuns.finish(table, scale, data, NAME);
    }
}
