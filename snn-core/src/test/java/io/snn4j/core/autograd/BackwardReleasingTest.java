package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Flatten;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import io.snn4j.core.optim.Adam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Tensor#backwardReleasing()} gives every leaf the gradient of {@link Tensor#backward()} (bit for bit, over
 * steps whose buffers come back from the pool poisoned with NaN, so a value released too early would show), and
 * leaves the graph as {@link Tensor#releaseGraph()} does.
 */
class BackwardReleasingTest {
    @BeforeEach
    void poison() {
        BufferPool.clear();
        System.setProperty("snn4j.pool.poison", "true");
    }

    @AfterEach
    void unpoison() {
        System.clearProperty("snn4j.pool.poison");
        BufferPool.clear();
    }

    /** Conv → BN → ReLU → pool (time-folded, so reshape views share buffers) → linear, plus a residual branch. */
    static final class Net extends Module {
        final Sequential body;
        final Conv2d skip;

        Net(long seed) {
            DataType f = DataType.FLOAT;
            SplittableRandom rng = new SplittableRandom(seed);
            skip = registerModule("skip", new Conv2d(3, 6, 1, 1, 0, false, f, rng));
            body = registerModule("body", new Sequential(
                    new TimeFolded(new Conv2d(3, 6, 3, 1, 1, false, f, rng), new BatchNorm2d(6, f)),
                    new Relu(), new TimeFolded(new Conv2d(6, 6, 3, 1, 1, true, f, rng), new AvgPool2d(2)),
                    new Flatten(2), new TimeFolded(new Linear(6 * 4 * 4, 5, true, f, rng))));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = body.forward(x);
            Tensor s = new Flatten(2).forward(new TimeFolded(skip, new AvgPool2d(2)).forward(x));
            return y.add(s.square().sum(true, 2).mul(0.01));
        }
    }

    static final class Relu extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.relu();
        }
    }

    static List<INDArray> train(boolean releasing, int steps) {
        Net net = new Net(7);
        Adam opt = new Adam(net.parameters(), Adam.Options.of(1e-2));
        Tensor x = Tensor.constant(io.snn4j.core.nn.Init.uniform(DataType.FLOAT, new long[] {2, 3, 3, 8, 8}, 0, 1, new SplittableRandom(11)));
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            Tensor loss = net.forward(x).square().mean();
            if (releasing) {
                loss.backwardReleasing();
            } else {
                loss.backward();
                loss.releaseGraph();
            }
            opt.step();
        }
        return net.parameters().stream().map(p -> p.value().dup()).toList();
    }

    @Test
    void trainsBitForBitLikeBackwardThenReleaseGraph() {
        List<INDArray> plain = train(false, 12);
        List<INDArray> releasing = train(true, 12);
        assertEquals(plain.size(), releasing.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i), releasing.get(i), "parameter " + i);
            assertTrue(!Double.isNaN(releasing.get(i).sumNumber().doubleValue()), "parameter " + i + " read a poisoned buffer");
        }
    }

    @Test
    void intermediatesAreReleasedAndLeavesAndTheLossAreKept() {
        Net net = new Net(3);
        Tensor x = Tensor.constant(io.snn4j.core.nn.Init.uniform(DataType.FLOAT, new long[] {2, 3, 3, 8, 8}, 0, 1, new SplittableRandom(11)));
        Tensor out = net.forward(x);
        Tensor loss = out.square().mean();
        double before = loss.item();
        assertTrue(loss.backwardReleasing() > 0, "released some bytes");
        assertEquals(before, loss.item());
        assertThrows(IllegalStateException.class, out::value);
        for (Parameter p : net.parameters()) {
            assertTrue(p.grad() != null && !Double.isNaN(p.grad().sumNumber().doubleValue()), "gradient of a parameter");
            assertTrue(!Double.isNaN(p.value().sumNumber().doubleValue()));
        }
        assertTrue(!Double.isNaN(x.value().sumNumber().doubleValue()), "the input is a leaf and is kept");
    }
}
