package io.snn4j.bench.conformance;

import java.util.Optional;

/** Runs the cases of one kind; returns the first mismatch, or empty when the case passes. */
@FunctionalInterface
public interface CaseHandler {
    Optional<String> run(ConformanceCase c, CaseContext ctx) throws Exception;
}
