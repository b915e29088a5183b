package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LossGuardTest {
    @Test
    void nonFiniteLossesAreReportedWithTheStep() {
        assertEquals(0.25, LossGuard.check(0.25, 3));
        NonFiniteLossException nan = assertThrows(NonFiniteLossException.class, () -> LossGuard.check(Double.NaN, 17));
        assertEquals(17, nan.step());
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("step 17"), nan.getMessage());
        NonFiniteLossException inf = assertThrows(NonFiniteLossException.class,
                () -> LossGuard.check(Double.NEGATIVE_INFINITY, 5, "epoch 2, batch 9"));
        assertTrue(inf.getMessage().contains("-Infinity at step 5 (epoch 2, batch 9)"), inf.getMessage());
        Tensor ok = Tensor.scalar(1.0, DataType.FLOAT);
        assertSame(ok, LossGuard.check(ok, 1));
        NonFiniteLossException t = assertThrows(NonFiniteLossException.class,
                () -> LossGuard.check(Tensor.scalar(1.0, DataType.FLOAT).div(0.0), 123_456_789_012L));
        assertEquals(123_456_789_012L, t.step());
        assertEquals(Double.POSITIVE_INFINITY, t.loss());
    }
}
