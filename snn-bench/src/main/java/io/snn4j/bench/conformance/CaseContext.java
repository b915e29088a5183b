package io.snn4j.bench.conformance;

import org.nd4j.linalg.api.buffer.DataType;

/** Settings a runner passes to every case: the data type computations run in. */
public record CaseContext(DataType dataType) {
}
