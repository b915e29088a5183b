package io.snn4j.bench.conformance;

import java.util.Optional;

/** Conformance cases of kind {@code loss}. */
final class LossCases implements CaseHandler {
    @Override
    public Optional<String> run(ConformanceCase c, CaseContext ctx) {
        throw new UnsupportedOperationException("kind '" + c.kind() + "' is not implemented yet");
    }
}
