package io.snn4j.bench.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code training} cases beyond the golden ones (made by src/test/python/gen_training_variants.py with
 * torch.optim): L2 Adam with other betas/eps, plain and damped SGD, a learnable v0 under time slicing,
 * slices that do not divide T, clipping with AdamW, conv+BN with slices, a SEW block and max pooling
 * with slices, a per-pixel v0 after a strided conv. They pin that the runner
 * implements the semantics in general, not just the five golden cases.
 */
class TrainingVariantCasesTest {
    static final Path CASES = Path.of("src/test/resources/conformance/training-variants");

    static Stream<DynamicTest> cases(DataType type) throws Exception {
        return GoldenCasesTest.cases(CASES, type);
    }

    @TestFactory
    Stream<DynamicTest> variantsPassInFloat() throws Exception {
        return cases(DataType.FLOAT);
    }

    @TestFactory
    Stream<DynamicTest> variantsPassInDouble() throws Exception {
        return cases(DataType.DOUBLE);
    }

    @Test
    void allVariantsArePresent() throws Exception {
        try (Stream<Path> s = Files.list(CASES)) {
            assertEquals(8, s.filter(p -> p.toString().endsWith(".json")).count());
        }
    }

    @Test
    void aWrongExpectationFails() throws Exception {
        // the runner must be able to fail: a case whose expected final weight is off is reported
        Path src = CASES.resolve("tv-sgd-nomomentum.json");
        String json = Files.readString(src);
        String broken = json.replaceFirst("\"losses\": \\[", "\"losses\": [0.123, ");
        Path tmp = Files.createTempFile("broken", ".json");
        try {
            Files.writeString(tmp, broken);
            ConformanceRunner.Outcome o = ConformanceRunner.standard(new CaseContext(DataType.DOUBLE)).runFile(tmp);
            assertTrue(o.failure().isPresent() && o.failure().get().startsWith("losses"), () -> "got " + o.failure());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
