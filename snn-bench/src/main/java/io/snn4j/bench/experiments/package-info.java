/**
 * Support for the JUnit-driven experiments of docs/experiments.md (the ablation tables of issue 12, the hybrid
 * training and coding tables of issue 10): the scale of a run from system properties ({@link ExperimentScale}),
 * the datasets with a clear message when the full ones are absent ({@link ExperimentData}), and the results table
 * with mean ± standard deviation over seeds ({@link ResultsTable}). The experiments themselves are tests tagged
 * {@code experiment} in snn-bench's test sources; they train only through the {@code Trainer} library API.
 */
package io.snn4j.bench.experiments;
