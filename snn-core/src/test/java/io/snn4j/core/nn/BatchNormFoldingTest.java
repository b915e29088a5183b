package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormFoldingTest {

    static Module convBnNet(DataType type) {
        SplittableRandom rng = new SplittableRandom(4);
        return new Sequential(
                new TimeFolded(new Conv2d(2, 5, 3, 1, 1, true, type, rng), new BatchNorm2d(5, type)),
                new TimeFolded(new AvgPool2d(2)),
                new TimeFolded(new Conv2d(5, 4, 3, 2, 1, false, type, rng), new BatchNorm2d(4, type)));
    }

    /** Trains BN running statistics and moves γ, β away from their init so the fold is not trivial. */
    static void perturb(Module m, DataType type) {
        m.train(true);
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (int i = 0; i < 3; i++) {
                m.forward(Tensor.constant(Nd4j.rand(type, 2, 3, 2, 8, 8).muli(3).addi(0.5)));
            }
        }
        for (Parameter p : m.parameters()) {
            if (p.rank() == 1) {
                p.value().addi(Nd4j.rand(type, p.shape()).subi(0.5));
            }
        }
    }

    @Test
    void foldedModelGivesTheSameOutputsWithoutBatchNorm() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Module trained = convBnNet(type);
            perturb(trained, type);
            Module folded = BatchNormFolding.fold(trained, () -> convBnNet(type));
            INDArray x = Nd4j.rand(type, 2, 3, 2, 8, 8);
            trained.eval();
            INDArray a;
            INDArray b;
            try (GradMode.Scope s = GradMode.noGrad()) {
                a = trained.forward(Tensor.constant(x)).value();
                b = folded.forward(Tensor.constant(x)).value();
            }
            assertEquals(a.castTo(DataType.DOUBLE).distance1(b.castTo(DataType.DOUBLE)) / a.length(), 0.0,
                    type == DataType.DOUBLE ? 1e-12 : 1e-5);
            assertEquals(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 0.0,
                    type == DataType.DOUBLE ? 1e-12 : 1e-5, type.toString());
            assertFalse(folded.stateDict().keySet().stream().anyMatch(k -> k.contains("running")), "" + folded.stateDict().keySet());
            assertTrue(trained.stateDict().keySet().stream().anyMatch(k -> k.contains("running")));
            assertFalse(folded.isTraining());
        }
    }
}
