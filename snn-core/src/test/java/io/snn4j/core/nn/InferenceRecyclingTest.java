package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An inference forward (no recording) through a {@link Sequential} gives each consumed activation back to the
 * buffer pool, and repeated forwards, reusing those buffers poisoned with NaN in between, give the recorded
 * forward's output; the input and the output are never recycled.
 */
class InferenceRecyclingTest {
    @AfterEach
    void clear() {
        System.clearProperty("snn4j.pool.poison");
        BufferPool.clear();
    }

    @Test
    void repeatedInferenceForwardsReuseTheActivationsAndGiveTheRecordedOutput() {
        DataType f = DataType.FLOAT;
        SplittableRandom rng = new SplittableRandom(5);
        Sequential net = new Sequential(new TimeFolded(new Conv2d(2, 4, 3, 1, 1, false, f, rng), new BatchNorm2d(4, f)),
                new TimeFolded(new Conv2d(4, 4, 3, 1, 1, true, f, rng), new AvgPool2d(2)), new Flatten(2),
                new TimeFolded(new Linear(4 * 4 * 4, 3, true, f, rng)));
        net.train(false);
        INDArray xv = Init.uniform(f, new long[] {2, 3, 2, 8, 8}, 0, 1, new SplittableRandom(6));
        INDArray expected = net.forward(Tensor.variable(xv)).value().dup();   // recorded: nothing recycled
        INDArray xCopy = xv.dup();
        BufferPool.clear();
        System.setProperty("snn4j.pool.poison", "true");
        for (int i = 0; i < 3; i++) {
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                Tensor y = net.forward(Tensor.constant(xv));
                assertEquals(expected, y.value(), "forward " + i);
            }
            assertTrue(BufferPool.pooledBytes() > 0, "activations went back to the pool");
        }
        assertEquals(xCopy, xv, "the input is never recycled");
    }
}
