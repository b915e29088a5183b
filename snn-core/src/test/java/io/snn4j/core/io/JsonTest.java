package io.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void deeplyNestedDocumentsAreRejectedWithAMessageNotAStackOverflow() {
        for (String open : new String[] {"[", "{\"a\":"}) {
            String close = open.equals("[") ? "]" : "}";
            String doc = open.repeat(1_000_000) + "1" + close.repeat(1_000_000);
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Json.parse(doc, "case.json"));
            assertTrue(ex.getMessage().startsWith("case.json: invalid JSON at offset "), ex.getMessage());
            assertTrue(ex.getMessage().contains("nested more than " + Json.MAX_DEPTH + " deep"), ex.getMessage());
        }
    }

    @Test
    void nestingUpToTheLimitParses() {
        String doc = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object v = Json.parse(doc);
        for (int i = 1; i < Json.MAX_DEPTH; i++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals(List.of(), v);
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[" + doc + "]"));
        // depth is per path, not a count of containers
        String wide = "[" + "{\"a\":[1]},".repeat(1000) + "{}]";
        assertEquals(1001, ((List<?>) Json.parse(wide)).size());
        assertEquals(Map.of("a", List.of(1L)), ((List<?>) Json.parse(wide)).get(0));
    }
}
