package io.snn4j.bench.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.snn4j.core.io.Json;
import io.snn4j.core.io.JsonTensors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One golden case of format {@code snn-conformance/1} (see FORMAT.md): typed access to its JSON. */
public final class ConformanceCase {
    public static final String FORMAT = "snn-conformance/1";

    private final Path file;
    private final Map<String, Object> root;

    private ConformanceCase(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    public static ConformanceCase read(Path file) throws IOException {
        Object parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException(file + ": a case must be a JSON object");
        }
        Map<String, Object> root = (Map<String, Object>) parsed;
        Object format = root.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(file + ": unsupported format " + format + " (expected " + FORMAT + ")");
        }
        return new ConformanceCase(file, root);
    }

    public Path file() {
        return file;
    }

    public String id() {
        Object id = root.get("id");
        return id == null ? file.getFileName().toString() : id.toString();
    }

    public String kind() {
        return String.valueOf(root.get("kind"));
    }

    public double atol() {
        return number(map(root, "tolerance"), "atol");
    }

    public double rtol() {
        return number(map(root, "tolerance"), "rtol");
    }

    /** A top-level object field such as {@code neuron}, {@code surrogate}, {@code loss}, {@code model}. */
    public Map<String, Object> spec(String key) {
        return map(root, key);
    }

    public boolean has(String key) {
        return root.containsKey(key);
    }

    /** A top-level number field such as {@code batches} or {@code timeSlice}. */
    public double numberField(String key) {
        Object v = root.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(file + ": field '" + key + "' must be a number, got " + v);
        }
        return n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = root.get(key);
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(file + ": field '" + key + "' must be a list");
        }
        return (List<Object>) v;
    }

    public Map<String, Object> inputs() {
        return map(root, "inputs");
    }

    public Map<String, Object> expected() {
        return map(root, "expected");
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("field '" + key + "' must be an object");
        }
        return (Map<String, Object>) v;
    }

    public static double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + key + "' must be a number, got " + v);
        }
        return n.doubleValue();
    }

    public static double number(Map<String, Object> m, String key, double dflt) {
        return m.containsKey(key) ? number(m, key) : dflt;
    }

    public static boolean bool(Map<String, Object> m, String key, boolean dflt) {
        Object v = m.get(key);
        return v == null ? dflt : (Boolean) v;
    }

    public static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + key + "' must be a string, got " + v);
        }
        return s;
    }

    /** A tensor {@code {"shape": [...], "data": [...]}} as an array of the given type. */
    public static INDArray tensor(Object t, DataType type) {
        return JsonTensors.read(t, type);
    }

    /** An integer list such as {@code labels}. */
    @SuppressWarnings("unchecked")
    public static int[] intList(Object v) {
        List<Object> l = (List<Object>) v;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }
}
