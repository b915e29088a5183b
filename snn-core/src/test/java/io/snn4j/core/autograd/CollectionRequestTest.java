package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Flatten;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import io.snn4j.core.optim.Adam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NativeMemoryPressure} asks for a collection only for memory a collection can free: not for reshapes (which
 * share their input's buffer), and not in the steady steps of a training loop that releases its graph, whose arrays
 * all come from and go back to the {@link BufferPool}.
 */
class CollectionRequestTest {

    @Test
    void aReshapeIsNotCountedAsAnAllocation() {
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 4, 8, 16, 16));
        Tensor y = x.mul(2.0);
        long before = NativeMemoryPressure.unreleasedBytes();
        Tensor folded = y.reshape(32, 16, 16);
        Tensor back = folded.reshape(4, 8, 16, 16);
        assertEquals(before, NativeMemoryPressure.unreleasedBytes(), "reshape views counted as new memory");
        Tensor z = back.mul(3.0);
        assertEquals(before + z.value().length() * 4, NativeMemoryPressure.unreleasedBytes(),
                "a real result is counted once");
    }

    @Test
    void aReshapesGradientIsNotCountedAsAnAllocation() {
        NativeMemoryPressure.reset();   // count this step's arrays only
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 4, 8, 16, 16));
        Tensor loss = x.mul(2.0).reshape(32, 256).sum();
        loss.backward();
        // counted: mul's result, sum's scalar, sum's gradient and mul's input gradient (32 KiB each but the scalar);
        // neither the reshape's value nor its gradient, views of mul's result and of sum's gradient
        long counted = NativeMemoryPressure.lastStepBytes();
        assertTrue(counted <= 3L * 32 * 1024 + 64, "the step counted " + counted + " bytes for three 32 KiB arrays");
    }

    @Test
    void steadyStepsThatReleaseTheirGraphRequestNoCollection() {
        DataType f = DataType.FLOAT;
        SplittableRandom rng = new SplittableRandom(3);
        Sequential net = new Sequential(
                new TimeFolded(new Conv2d(4, 16, 3, 1, 1, false, f, rng), new BatchNorm2d(16, f), new Relu(),
                        new AvgPool2d(2)),
                new TimeFolded(new Conv2d(16, 16, 3, 1, 1, false, f, rng), new BatchNorm2d(16, f), new Relu(),
                        new AvgPool2d(4)),
                new Flatten(2), new TimeFolded(new Linear(16 * 4 * 4, 10, true, f, rng)));
        Adam opt = new Adam(net.parameters(), Adam.Options.builder().lr(1e-3).build());
        Tensor x = Tensor.constant(Nd4j.rand(f, 4, 8, 4, 32, 32));
        int warmup = 30;
        int steps = 300;
        long requestsAfterWarmup = 0;
        StringBuilder at = new StringBuilder();
        long last = NativeMemoryPressure.requests();
        for (int i = 0; i < warmup + steps; i++) {
            if (i == warmup) {
                requestsAfterWarmup = NativeMemoryPressure.requests();
            }
            if (NativeMemoryPressure.requests() != last) {
                last = NativeMemoryPressure.requests();
                at.append(' ').append(i);
            }
            opt.zeroGrad();
            Tensor loss = net.forward(x).square().mean();
            loss.backward();
            loss.releaseGraph();
            opt.step();
        }
        long requested = NativeMemoryPressure.requests() - requestsAfterWarmup;
        System.out.printf("CollectionRequestTest: %d collections requested in %d steady steps (requested before steps%s)%n",
                requested, steps, at);
        assertEquals(0, requested, "collections requested in " + steps + " steady steps");
    }

    /**
     * An inference forward that recycles its activations keeps a few of them alive at once, which is no garbage; a
     * loop that drops them unrecycled makes garbage and is collected. The floor is lowered to 1 MiB so that the live
     * activations (2 MiB each) exceed the bare bound of four floors.
     */
    @Test
    void inferenceForwardsThatRecycleTheirActivationsRequestNoCollection() {
        String floor = System.getProperty("snn4j.gc.floorMiB");
        System.setProperty("snn4j.gc.floorMiB", "1");
        NativeMemoryPressure.reset();   // earlier tests' steps would raise the bound
        try {
            DataType f = DataType.FLOAT;
            SplittableRandom rng = new SplittableRandom(5);
            Sequential net = new Sequential(new Conv2d(8, 32, 3, 1, 1, false, f, rng), new Relu(),
                    new Conv2d(32, 32, 3, 1, 1, false, f, rng), new Relu(), new Conv2d(32, 32, 3, 1, 1, false, f, rng),
                    new Relu());
            Tensor x = Tensor.constant(Nd4j.rand(f, 16, 8, 32, 32));
            long before;
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                for (int i = 0; i < 5; i++) {
                    BufferPool.recycle(net.forward(x).value());
                }
                before = NativeMemoryPressure.requests();
                for (int i = 0; i < 40; i++) {
                    BufferPool.recycle(net.forward(x).value());
                }
                assertEquals(before, NativeMemoryPressure.requests(), "collections requested by recycling forwards");
                for (int i = 0; i < 40; i++) {
                    Tensor h = x;
                    for (Module m : net.layers()) {
                        h = m.forward(h);   // nothing recycled: every activation is garbage
                    }
                }
            }
            assertTrue(NativeMemoryPressure.requests() > before, "garbage of unrecycled forwards was never collected");
        } finally {
            if (floor == null) {
                System.clearProperty("snn4j.gc.floorMiB");
            } else {
                System.setProperty("snn4j.gc.floorMiB", floor);
            }
        }
    }

    /** ReLU as a layer. */
    static final class Relu extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.relu();
        }
    }
}
