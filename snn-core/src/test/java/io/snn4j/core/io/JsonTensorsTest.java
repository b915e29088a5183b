package io.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class JsonTensorsTest {
    @Test
    void readsRowMajorDataIntoTheRequestedType() {
        INDArray a = JsonTensors.read(Json.parse("{\"shape\":[2,3],\"data\":[1,2,3,4,5.5,6]}"), DataType.FLOAT);
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(5.5, a.getDouble(1, 1));
        assertEquals(7.0, JsonTensors.read(Json.parse("{\"shape\":[],\"data\":[7]}"), DataType.DOUBLE).getDouble(0));
    }

    @Test
    void aValueCountThatDoesNotMatchTheShapeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonTensors.read(Json.parse("{\"shape\":[2,2],\"data\":[1,2,3]}"), DataType.FLOAT));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("[2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonTensors.read(Json.parse("[1,2]"), DataType.FLOAT));
    }
}
