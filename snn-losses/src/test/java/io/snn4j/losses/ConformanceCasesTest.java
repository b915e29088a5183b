package io.snn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.io.Json;
import io.snn4j.core.io.JsonTensors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The golden {@code loss-*.json} cases (computed in float64 from docs/spec.md §6) hold in FLOAT and DOUBLE. */
class ConformanceCasesTest {

    static List<Path> caseFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(ConformanceCasesTest.class.getResource("/conformance").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("loss-.*\\.json")).sorted().toList();
        }
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        for (Path p : caseFiles()) {
            for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                out.add(Arguments.of(p.getFileName().toString(), dt));
            }
        }
        return out.stream();
    }

    @Test
    void allSixLossCasesArePresent() throws Exception {
        List<String> names = caseFiles().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("loss-lts.json", "loss-sdt.json", "loss-tet-mse.json", "loss-tet-s-mse.json",
                "loss-tet-s.json", "loss-tet.json"), names);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String file) throws Exception {
        Path p = Path.of(ConformanceCasesTest.class.getResource("/conformance/" + file).toURI());
        return (Map<String, Object>) Json.parse(Files.readString(p, StandardCharsets.UTF_8), file);
    }

    static INDArray tensor(Object json, DataType dt) {
        return JsonTensors.read(json, dt);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cases")
    void lossValueAndGradientMatchTheGoldenCase(String file, DataType dt) throws Exception {
        Map<String, Object> c = read(file);
        assertEquals("loss", c.get("kind"));
        Map<String, Object> tol = (Map<String, Object>) c.get("tolerance");
        double atol = ((Number) tol.get("atol")).doubleValue();
        double rtol = ((Number) tol.get("rtol")).doubleValue();
        Map<String, Object> inputs = (Map<String, Object>) c.get("inputs");
        Map<String, Object> expected = (Map<String, Object>) c.get("expected");

        SpikingLoss loss = LossSpec.fromJson((Map<String, Object>) c.get("loss")).build();
        Tensor outputs = Tensor.variable(tensor(inputs.get("outputs"), dt));
        int[] labels = ((List<Object>) inputs.get("labels")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();

        Tensor l = loss.loss(outputs, labels);
        assertEquals(dt, l.dataType(), "loss data type follows the outputs");
        double e = ((Number) expected.get("loss")).doubleValue();
        assertClose(file + " loss", e, l.item(), atol, rtol);

        l.backward();
        INDArray g = outputs.grad();
        assertEquals(dt, g.dataType(), "gradient data type follows the outputs");
        INDArray eg = tensor(expected.get("gradOutputs"), DataType.DOUBLE);
        assertArrayEquals(eg.shape(), g.shape());
        for (long i = 0; i < eg.length(); i++) {
            assertClose(file + " gradOutputs[" + i + "]", eg.getDouble(i), g.getDouble(i), atol, rtol);
        }
    }

    static void assertClose(String what, double expected, double actual, double atol, double rtol) {
        assertTrue(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected),
                what + ": expected " + expected + " but got " + actual + " (atol " + atol + ", rtol " + rtol + ")");
    }
}
