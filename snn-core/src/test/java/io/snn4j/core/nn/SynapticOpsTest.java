package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SynapticOpsTest {
    @Test
    void firstLayerCostsDenseMacsAndLaterLayersAccumulatesByInputDensity() {
        SplittableRandom rng = new SplittableRandom(1);
        Conv2d conv = new Conv2d(2, 3, 3, 1, 1, false, DataType.FLOAT, rng);
        Linear fc = new Linear(12, 5, true, DataType.FLOAT, rng);
        Sequential net = new Sequential(conv, new Flatten(1), new Linear(3 * 4 * 4, 12, true, DataType.FLOAT, rng), fc);
        SynapticOps ops = SynapticOps.attach(net);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            // real-valued image [N=2, 2, 4, 4]: conv MACs = output elements (2·3·4·4) × fan-in (2·3·3)
            conv.forward(Tensor.constant(Init.uniform(DataType.FLOAT, new long[] {2, 2, 4, 4}, 0.1, 1, rng)));
            assertEquals(2L * 3 * 4 * 4 * 2 * 9, ops.macs());
            assertEquals(0.0, ops.accumulates());
            // spikes [N=4, 12] with 18 of 48 ones: ACs = dense MACs (4·12·5) × 18/48
            INDArray spikes = Nd4j.zeros(DataType.FLOAT, 4, 12);
            for (int i = 0; i < 18; i++) {
                spikes.putScalar(i * 48L / 18, 1.0);
            }
            fc.forward(Tensor.constant(spikes));
            assertEquals(4.0 * 12 * 5 * 18 / 48, ops.accumulates(), 1e-9);
            // θ-scaled or average-pooled spikes count by their non-zero fraction; an all-zero input costs nothing
            fc.forward(Tensor.constant(spikes.mul(0.5)));
            fc.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 12)));
            assertEquals(2 * 4.0 * 12 * 5 * 18 / 48, ops.accumulates(), 1e-9);
        }
        assertEquals(4.6 * ops.macs() + 0.9 * ops.accumulates(), ops.energyPicojoules(), 1e-6);
        SynapticOps.detach(net);
        ops.reset();
        fc.forward(Tensor.constant(Nd4j.ones(DataType.FLOAT, 1, 12)));
        assertEquals(0.0, ops.energyPicojoules());
    }
}
