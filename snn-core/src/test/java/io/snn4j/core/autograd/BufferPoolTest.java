package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Flatten;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import io.snn4j.core.optim.Sgd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reusing a pooled buffer must not wrap it in one more ND4J view buffer per reuse: {@code DataBuffer.wasClosed()}
 * recurses through the wrappers, so a chain that grows by one per step makes every op slower the longer a run
 * trains (a 5-epoch run spent its time in that recursion) and finally overflows the stack.
 */
class BufferPoolTest {
    @AfterEach
    void clear() {
        BufferPool.clear();
    }

    @Test
    void aBufferReusedManyTimesIsHandedOutOverItsRootBuffer() {
        INDArray a = BufferPool.uninitialized(DataType.FLOAT, 4, 6);
        for (int i = 0; i < 1000; i++) {
            INDArray view = a.reshape('c', new long[] {24});
            assertTrue(BufferPool.give(view), "pooled");
            INDArray b = BufferPool.uninitialized(DataType.FLOAT, 3, 8);
            assertSame(BufferPool.root(a.data()), BufferPool.root(b.data()), "the same memory came back");
            assertEquals(0, BufferPool.wrapperDepth(b), "reuse " + i + " wrapped the buffer");
            assertTrue(!b.wasClosed());
            a = b.reshape('c', new long[] {4, 6});
        }
    }

    @Test
    void aPartialViewIsNotPooled() {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, 4, 6);
        assertTrue(!BufferPool.give(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2))),
                "a view over part of a buffer must not be handed out as a whole buffer");
    }

    @Test
    void optimizerZeroGradGivesTheGradientBuffersToTheNextBackward() {
        io.snn4j.core.nn.Parameter w = io.snn4j.core.nn.Parameter.of(Nd4j.rand(DataType.FLOAT, 8, 16));
        Sgd opt = new Sgd(java.util.List.of(w), Sgd.Options.builder().lr(0.1).build());
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 16, 4));
        w.matmul(x).sum().backward();
        INDArray g = w.grad();
        long pooled = BufferPool.pooledBytes();
        opt.zeroGrad();
        assertEquals(null, w.grad());
        assertEquals(pooled + 4L * 8 * 16, BufferPool.pooledBytes(), "the gradient's buffer went to the pool");
        INDArray next = BufferPool.uninitialized(DataType.FLOAT, 8, 16);
        assertSame(BufferPool.root(g.data()), BufferPool.root(next.data()), "the next array of that size reuses it");
    }

    @Test
    void recycleDoesNotTakeABufferALiveArrayShares() {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, 4, 6);
        INDArray view = a.reshape('c', new long[] {24});
        long pooled = BufferPool.pooledBytes();
        assertTrue(!BufferPool.recycle(a, view), "a live view of the same buffer keeps it");
        assertEquals(pooled, BufferPool.pooledBytes());
        assertTrue(BufferPool.recycle(a), "nothing else holds it");
        assertEquals(pooled + 4L * 24, BufferPool.pooledBytes());
    }

    @Test
    void aGradientBufferHandedOutAgainInTheSameBackwardIsReleasedAgain() {
        GradientLedger ledger = new GradientLedger();
        INDArray first = BufferPool.uninitialized(DataType.FLOAT, 8, 8);
        ledger.hold(first);
        ledger.drop(first);
        ledger.releaseIfDead(first);
        assertTrue(BufferPool.isPooled(GradientLedger.root(first)), "released into the pool");
        INDArray second = BufferPool.uninitialized(DataType.FLOAT, 64);   // a later node's gradient, same memory
        assertSame(GradientLedger.root(first), GradientLedger.root(second));
        ledger.hold(second);
        ledger.drop(second);
        ledger.releaseIfDead(second);
        assertTrue(BufferPool.isPooled(GradientLedger.root(second)),
                "the second life of the buffer goes back too, or every step would page in a fresh one");
        ledger.releaseIfDead(second);
        assertEquals(4L * 64, BufferPool.pooledBytes(), "pooled once, not twice");
    }

    @Test
    void trainingStepsKeepTheirArraysShallow() {
        DataType f = DataType.FLOAT;
        SplittableRandom rng = new SplittableRandom(3);
        Sequential net = new Sequential(new TimeFolded(new Conv2d(2, 4, 3, 1, 1, false, f, rng), new BatchNorm2d(4, f),
                new AvgPool2d(2)), new Flatten(2), new TimeFolded(new Linear(4 * 4 * 4, 3, true, f, rng)));
        Sgd opt = new Sgd(net.parameters(), Sgd.Options.builder().build());
        Tensor x = Tensor.constant(Nd4j.rand(f, 2, 3, 2, 8, 8));
        int deepest = 0;
        for (int step = 0; step < 300; step++) {
            opt.zeroGrad();
            Tensor y = net.forward(x);
            Tensor loss = y.square().mean();
            loss.backward();
            deepest = Math.max(deepest, BufferPool.wrapperDepth(y.value()));
            for (var p : net.parameters()) {
                deepest = Math.max(deepest, BufferPool.wrapperDepth(p.value()));
                deepest = Math.max(deepest, p.grad() == null ? 0 : BufferPool.wrapperDepth(p.grad()));
            }
            loss.releaseGraph();
            opt.step();
        }
        // the conv output ([T·B, 4, 8, 8] = 1,536 floats) was pooled and reused on each of the 300 steps
        INDArray reused = BufferPool.uninitialized(f, 6, 4, 8, 8);
        deepest = Math.max(deepest, BufferPool.wrapperDepth(reused));
        assertTrue(deepest <= 2, "view wrappers grew with the steps: depth " + deepest + " after 300 steps");
    }
}
