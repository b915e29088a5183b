package io.snn4j.bench.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;

/** Every golden case shipped in the test resources passes, in FLOAT (training type) and DOUBLE. */
class GoldenCasesTest {
    static final Path CASES = Path.of("src/test/resources/conformance/cases");

    static Stream<DynamicTest> cases(DataType type) throws Exception {
        return cases(CASES, type);
    }

    /** One dynamic test per {@code *.json} case in {@code dir}, each passing the standard runner in {@code type}. */
    static Stream<DynamicTest> cases(Path dir, DataType type) throws Exception {
        ConformanceRunner runner = ConformanceRunner.standard(new CaseContext(type));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName() + " " + type, () -> {
            ConformanceRunner.Outcome o = runner.runFile(f);
            assertTrue(o.failure().isEmpty(), () -> o.id() + ": " + o.failure().get());
        }));
    }

    @TestFactory
    Stream<DynamicTest> goldenCasesPassInFloat() throws Exception {
        return cases(DataType.FLOAT);
    }

    @TestFactory
    Stream<DynamicTest> goldenCasesPassInDouble() throws Exception {
        return cases(DataType.DOUBLE);
    }

    @Test
    void everyKindOfTheFormatIsCovered() throws Exception {
        try (Stream<Path> s = Files.list(CASES)) {
            assertEquals(33, s.filter(p -> p.toString().endsWith(".json")).count(), "golden cases copied from shared/conformance");
        }
    }
}
