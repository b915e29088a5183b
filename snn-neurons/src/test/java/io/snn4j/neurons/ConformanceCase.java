package io.snn4j.neurons;

import io.snn4j.core.io.Json;
import io.snn4j.core.io.JsonTensors;
import io.snn4j.neurons.surrogate.ArctanSurrogate;
import io.snn4j.neurons.surrogate.RectangleSurrogate;
import io.snn4j.neurons.surrogate.SigmoidSurrogate;
import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conformance case (format snn-conformance/1) loaded from the test resources. */
public final class ConformanceCase {

    public final String id;
    public final Map<String, Object> root;
    public final double atol;
    public final double rtol;

    @SuppressWarnings("unchecked")
    private ConformanceCase(String id, Map<String, Object> root) {
        this.id = id;
        this.root = root;
        Map<String, Object> tol = (Map<String, Object>) root.get("tolerance");
        this.atol = ((Number) tol.get("atol")).doubleValue();
        this.rtol = ((Number) tol.get("rtol")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    public static ConformanceCase load(String name) {
        String path = "/conformance/" + name + ".json";
        try (InputStream in = ConformanceCase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ConformanceCase(name, (Map<String, Object>) Json.parse(text, path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        return (Map<String, Object>) root.get(name);
    }

    public double scalar(String section, String key) {
        return ((Number) section(section).get(key)).doubleValue();
    }

    public long[] shape(String section, String key) {
        return JsonTensors.shape(tensor(section, key));
    }

    public double[] data(String section, String key) {
        return JsonTensors.data(tensor(section, key));
    }

    private Object tensor(String section, String key) {
        Object t = section(section).get(key);
        if (t == null) {
            throw new IllegalStateException(id + ": no tensor " + section + "." + key);
        }
        return t;
    }

    public INDArray array(String section, String key, DataType dt) {
        return Nd4j.create(data(section, key), shape(section, key), 'c').castTo(dt);
    }

    @SuppressWarnings("unchecked")
    public static Surrogate surrogate(Map<String, Object> spec) {
        String type = (String) spec.get("type");
        return switch (type) {
            case "triangle" -> new TriangleSurrogate(((Number) spec.get("gamma")).doubleValue());
            case "atan" -> new ArctanSurrogate(((Number) spec.get("alpha")).doubleValue());
            case "rectangle" -> new RectangleSurrogate(((Number) spec.get("width")).doubleValue());
            case "sigmoid" -> new SigmoidSurrogate(((Number) spec.get("alpha")).doubleValue());
            default -> throw new IllegalArgumentException("unknown surrogate " + type);
        };
    }

    /** Element-wise {@code |a − e| ≤ atol + rtol·|e|}, naming the field and index of a mismatch. */
    public void assertClose(String field, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, id + "." + field + " length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            assertTrue(Math.abs(a - e) <= atol + rtol * Math.abs(e),
                    id + "." + field + "[" + i + "]: expected " + e + ", got " + a);
        }
    }

    public void assertClose(String field, double expected, double actual) {
        assertClose(field, new double[] {expected}, new double[] {actual});
    }

    /** Exact equality (spikes). */
    public void assertExact(String field, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, id + "." + field + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0.0, id + "." + field + "[" + i + "]");
        }
    }

    public static double[] values(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }
}
