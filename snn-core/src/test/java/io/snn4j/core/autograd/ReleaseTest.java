package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.snn4j.core.nn.Init;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tape frees gradient buffers once consumed and {@link Tensor#releaseGraph()} frees activations: released
 * buffers must never be ones still visible to anyone (results stay exact), and using a released one must fail loudly.
 */
class ReleaseTest {
    static INDArray rand(long seed, long... shape) {
        return Init.uniform(DataType.DOUBLE, shape, -1, 1, new SplittableRandom(seed));
    }

    /** An identity op whose backward hands out its incoming gradient array and remembers it. */
    static Tensor spy(Tensor x, List<INDArray> seen) {
        return Tensor.record("spy", x.value().dup(), g -> {
            seen.add(g[0]);
            return new INDArray[] {g[0].mul(1.0)};
        }, x);
    }

    @Test
    void consumedGradientsAreReleasedAndFailLoudlyWhenUsed() {
        Tensor x = Tensor.variable(rand(1, 3, 4));
        List<INDArray> seen = new ArrayList<>();
        Tensor y = spy(spy(x, seen).mul(2.0), seen);
        y.sum().backward();
        assertEquals(2, seen.size());
        for (INDArray g : seen) {
            assertTrue(g.wasClosed(), "a consumed gradient is freed at once");
            assertThrows(IllegalStateException.class, () -> g.add(1.0));
        }
        assertEquals(Nd4j.ones(DataType.DOUBLE, 3, 4).muli(2.0), x.grad());
    }

    @Test
    void retainedGraphKeepsGradientsAndGivesTheSameResultTwice() {
        Tensor x = Tensor.variable(rand(2, 3, 4));
        List<INDArray> seen = new ArrayList<>();
        Tensor y = spy(x, seen).mul(3.0);
        INDArray seed = rand(3, 3, 4);
        y.backward(seed, true);
        INDArray first = x.grad().dup();
        assertFalse(seen.get(0).wasClosed());
        x.zeroGrad();
        y.backward(seed, false);
        assertEquals(first, x.grad());
        assertFalse(seed.wasClosed(), "the caller's seed is never released");
        assertEquals(rand(3, 3, 4), seed, "nor written");
    }

    @Test
    void oneGradientReachingTwoLeavesAndANodeIsNotShared() {
        // add's backward returns the same array for both inputs; a third path reads it later
        Tensor a = Tensor.variable(rand(4, 2, 3));
        Tensor b = Tensor.variable(rand(5, 2, 3));
        Tensor s = a.add(b);
        Tensor y = s.add(s.mul(a)).add(a.mul(b));
        INDArray seed = rand(6, 2, 3);
        y.backward(seed);
        // reference: dy/da = 1 + (2s·... ) computed by hand: y = s + s·a + a·b, s = a + b
        INDArray av = a.value();
        INDArray bv = b.value();
        INDArray sv = av.add(bv);
        INDArray da = seed.mul(sv.add(av).addi(1.0).addi(bv));
        INDArray db = seed.mul(av.add(1.0).addi(av));
        assertTrue(da.equalsWithEps(a.grad(), 1e-12), "dL/da");
        assertTrue(db.equalsWithEps(b.grad(), 1e-12), "dL/db");
        assertNotSame(a.grad(), b.grad());
        a.grad().addi(100.0);
        assertTrue(db.equalsWithEps(b.grad(), 1e-12), "leaf gradients do not alias each other");
    }

    @Test
    void releaseGraphFreesActivationsButNotLeavesOrTheResult() {
        Tensor x = Tensor.constant(rand(7, 4, 5));
        Tensor w = Tensor.variable(rand(8, 5, 3));
        Tensor h = x.matmul(w).tanh();
        Tensor folded = h.reshape(2, 6);
        Tensor loss = folded.mul(folded).sum();
        loss.backward();
        INDArray hv = h.value();
        INDArray gw = w.grad().dup();
        long freed = loss.releaseGraph();
        assertTrue(freed > 0, "activations freed: " + freed);
        assertThrows(IllegalStateException.class, h::value, "a released tensor says so");
        assertThrows(IllegalStateException.class, () -> hv.add(1.0), "an array taken earlier fails in ND4J ops");
        assertFalse(x.value().wasClosed());
        assertFalse(w.value().wasClosed());
        assertEquals(gw, w.grad());
        assertEquals(loss.item(), loss.value().getDouble(0));
    }

    @Test
    void releaseGraphKeepsIntermediatesSharingALeafBuffer() {
        Tensor x = Tensor.variable(rand(9, 2, 6));
        Tensor v = x.reshape(3, 4);   // a view of the leaf's buffer
        Tensor loss = v.mul(v).sum();
        loss.backward();
        loss.releaseGraph();
        assertFalse(x.value().wasClosed());
        assertEquals(rand(9, 2, 6), x.value());
    }
}
