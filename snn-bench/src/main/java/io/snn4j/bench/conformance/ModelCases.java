package io.snn4j.bench.conformance;

import static io.snn4j.bench.conformance.ConformanceCase.bool;
import static io.snn4j.bench.conformance.ConformanceCase.number;
import static io.snn4j.bench.conformance.ConformanceCase.string;

import java.util.Map;
import java.util.Optional;

import io.snn4j.models.Models;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.V0Init;

/** Conformance cases of kind {@code model}: the trainable parameter count of an architecture. */
final class ModelCases implements CaseHandler {
    @Override
    public Optional<String> run(ConformanceCase c, CaseContext ctx) {
        Map<String, Object> m = c.spec("model");
        NeuronFactory neurons = bool(m, "learnableV0", false)
                ? Neurons.lifWithV0(LifConfig.tet(), V0Init.standard(), ctx.dataType(), 0)
                : Neurons.lif(LifConfig.tet());
        String connect = m.containsKey("connect") ? string(m, "connect") : "add";
        long count = Models.parameterCount(string(m, "name"), (int) number(m, "inChannels"), (int) number(m, "numClasses"),
                (int) number(m, "inputSize"), connect, neurons);
        long expected = (long) number(c.expected(), "parameterCount");
        return count == expected ? Optional.empty()
                : Optional.of("parameterCount: " + count + ", expected " + expected);
    }
}
