package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.autograd.AllocationMeter;
import io.snn4j.core.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class MemoryEstimatorTest {
    /** Two elementwise ops: produces two arrays the size of its input; one parameter of 5 floats. */
    static final class TwoOps extends Module {
        boolean sawTraining;

        TwoOps() {
            registerParameter("w", Parameter.of(Nd4j.zeros(DataType.FLOAT, 5)));
        }

        @Override
        public Tensor forward(Tensor x) {
            sawTraining = isTraining();
            return x.mul(2.0).add(1.0);
        }
    }

    @Test
    void theMeterCountsTheBytesOfEveryOpOutputOnItsThreadEvenWithoutRecording() {
        Tensor x = Tensor.constant(Nd4j.ones(DataType.FLOAT, 2, 3));
        try (AllocationMeter outer = AllocationMeter.start()) {
            x.mul(2.0);
            try (AllocationMeter inner = AllocationMeter.start()) {
                x.add(1.0).add(1.0);
                assertEquals(2 * 6 * 4, inner.bytes());
                assertEquals(2, inner.arrays());
            }
            x.mul(3.0);
            assertEquals(2 * 6 * 4, outer.bytes(), "the inner meter's ops are not the outer's");
        }
        try (AllocationMeter m = AllocationMeter.start()) {
            assertEquals(0, m.bytes());
        }
    }

    @Test
    void perSampleStepBytesComeFromAOneSampleOneStepForwardInEvalMode() {
        TwoOps m = new TwoOps();
        m.train(true);
        long bytes = MemoryEstimator.activationBytesPerSampleStep(m, DataType.FLOAT, 3, 4, 4);
        assertEquals(2 * 3 * 4 * 4 * 4, bytes);
        assertFalse(m.sawTraining, "the probe runs in eval mode");
        assertTrue(m.isTraining(), "and is put back in training mode");
    }

    @Test
    void trainingScalesTheForwardByTBatchAndTheTrainingFactor() {
        TwoOps m = new TwoOps();
        MemoryEstimate e = MemoryEstimator.training(m, DataType.FLOAT, 20000, 8, 1, 28, 28);
        long perStep = 2L * 28 * 28 * 4;
        assertEquals((long) Math.ceil(MemoryEstimator.TRAINING_FACTOR * perStep * 20000 * 8), e.activationBytes());
        assertEquals(4L * 28 * 28 * 20000 * 8, e.inputBytes());
        assertEquals(5L * 4 * MemoryEstimator.TRAINING_PARAMETER_COPIES, e.parameterBytes());
        assertEquals(e.activationBytes() + e.inputBytes() + e.parameterBytes(), e.totalBytes());
        MemoryEstimate inf = MemoryEstimator.inference(m, DataType.FLOAT, 20000, 8, 1, 28, 28);
        assertEquals(perStep * 20000 * 8, inf.activationBytes());
        assertTrue(e.toString().startsWith(MemoryEstimate.format(e.totalBytes()) + " (activations "), e.toString());
        assertEquals("1.5 GiB", MemoryEstimate.format(3L << 29));
        assertEquals("12 B", MemoryEstimate.format(12));
    }

    @Test
    void hugeConfigurationsSaturateInsteadOfOverflowing() {
        MemoryEstimate e = MemoryEstimator.training(new TwoOps(), DataType.FLOAT, Integer.MAX_VALUE, Integer.MAX_VALUE,
                1, 4096, 4096);
        assertEquals(Long.MAX_VALUE, e.totalBytes());
        assertFalse(e.fitsIn(MemoryEstimator.budgetBytes()));
    }

    @Test
    void invalidSizesAreRejectedByName() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> MemoryEstimator.training(new TwoOps(), DataType.FLOAT, 0, 8, 1, 28, 28));
        assertTrue(t.getMessage().contains("timeSteps"), t.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> MemoryEstimator.training(new TwoOps(), DataType.FLOAT, 4, -1, 1, 28, 28));
        assertTrue(b.getMessage().contains("batch"), b.getMessage());
    }

    @Test
    void theBudgetIsPositive() {
        assertTrue(MemoryEstimator.budgetBytes() > 0);
        assertTrue(MemoryEstimator.availableBytes() <= MemoryEstimator.budgetBytes());
    }
}
