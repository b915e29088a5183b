package io.snn4j.bench.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class ConformanceRunnerContractTest {
    private static final String HEAD = "{\"format\":\"snn-conformance/1\",\"tolerance\":{\"atol\":1e-5,\"rtol\":1e-4},";

    @Test
    void unsupportedKindCountsAsFailedAndClosingLineCountsBoth(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), HEAD + "\"id\":\"ok-case\",\"kind\":\"echo\",\"inputs\":{},\"expected\":{}}");
        Files.writeString(dir.resolve("b.json"), HEAD + "\"id\":\"strange\",\"kind\":\"teleport\",\"inputs\":{},\"expected\":{}}");
        Files.writeString(dir.resolve("c.json"), "{ not json");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        ConformanceRunner runner = new ConformanceRunner(Map.of("echo", (c, ctx) -> Optional.empty()),
                new CaseContext(DataType.FLOAT));
        List<ConformanceRunner.Outcome> outcomes = runner.runDirectory(dir);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status = ConformanceRunner.report(outcomes, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals("1 passed, 2 failed", lines[lines.length - 1]);
        assertEquals(1, status);
        assertTrue(lines[0].contains("strange") || lines[1].contains("strange"));
        assertTrue(String.join("\n", lines).contains("teleport"));
    }

    @Test
    void exitStatusIsZeroOnlyWhenNothingFailed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), HEAD + "\"id\":\"ok\",\"kind\":\"echo\",\"inputs\":{},\"expected\":{}}");
        ConformanceRunner runner = new ConformanceRunner(Map.of("echo", (c, ctx) -> Optional.empty()),
                new CaseContext(DataType.FLOAT));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(0, ConformanceRunner.report(runner.runDirectory(dir), new PrintStream(buf, true, StandardCharsets.UTF_8)));
        assertEquals("1 passed, 0 failed", buf.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void mismatchReportsFirstFieldWithinTolerance() {
        Comparison cmp = new Comparison(1e-5, 1e-4);
        var a = org.nd4j.linalg.factory.Nd4j.createFromArray(1.0, 2.0, 3.0);
        var e = org.nd4j.linalg.factory.Nd4j.createFromArray(1.0, 2.001, 4.0);
        Optional<String> r = cmp.close("gradX", a, e);
        assertTrue(r.isPresent());
        assertTrue(r.get().startsWith("gradX: element 1"), r.get());
        assertTrue(cmp.close("gradX", a, a.dup()).isEmpty());
        assertTrue(Comparison.exact("spikes", a, e).isPresent());
    }

    @Test
    void aPerturbedGoldenValueIsReportedWithItsField(@TempDir Path dir) throws Exception {
        String json = Files.readString(Path.of("src/test/resources/conformance/cases/lif-tet-hard-triangle.json"));
        int at = json.indexOf("\"gradX\"");
        int data = json.indexOf("\"data\":[", at) + "\"data\":[".length();
        int comma = json.indexOf(',', data);
        double first = Double.parseDouble(json.substring(data, comma).trim());
        Files.writeString(dir.resolve("bad.json"), json.substring(0, data) + (first + 0.01) + json.substring(comma));
        ConformanceRunner.Outcome o = ConformanceRunner.standard(new CaseContext(DataType.FLOAT)).runFile(dir.resolve("bad.json"));
        assertTrue(o.failure().isPresent(), "a wrong expected value must fail");
        assertTrue(o.failure().get().startsWith("gradX: element 0"), o.failure().get());
    }
}
