package io.snn4j.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import io.snn4j.core.nn.Init;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AutogradTest {
    static Tensor rand(long seed, long... shape) {
        return Tensor.variable(Init.uniform(DataType.DOUBLE, shape, -1, 1, new SplittableRandom(seed)));
    }

    static Tensor positive(long seed, long... shape) {
        return Tensor.variable(Init.uniform(DataType.DOUBLE, shape, 0.5, 1.5, new SplittableRandom(seed)));
    }

    final GradCheck check = GradCheck.defaults();

    @Test
    void broadcastingArithmeticGradientsMatchFiniteDifferences() {
        check.assertGradientsMatch(t -> t[0].add(t[1]), rand(1, 2, 3, 4), rand(2, 3, 1));
        check.assertGradientsMatch(t -> t[0].sub(t[1]), rand(3, 4), rand(4, 2, 3, 4));
        check.assertGradientsMatch(t -> t[0].mul(t[1]), rand(5, 2, 3), rand(6, 1, 3));
        check.assertGradientsMatch(t -> t[0].div(t[1]), rand(7, 2, 3), positive(8, 2, 1));
    }

    @Test
    void scalarAndUnaryGradientsMatchFiniteDifferences() {
        check.assertGradientsMatch(t -> t[0].mul(3.0).add(1.5).rsub(2.0).div(4.0), rand(1, 3, 4));
        check.assertGradientsMatch(t -> t[0].pow(3.0), rand(2, 3, 4));
        check.assertGradientsMatch(t -> t[0].exp(), rand(3, 5));
        check.assertGradientsMatch(t -> t[0].log(), positive(4, 5));
        check.assertGradientsMatch(t -> t[0].sigmoid(), rand(5, 5));
        check.assertGradientsMatch(t -> t[0].tanh(), rand(6, 5));
        check.assertGradientsMatch(t -> t[0].relu(), rand(7, 2, 5));
    }

    @Test
    void reductionGradientsMatchFiniteDifferences() {
        check.assertGradientsMatch(t -> t[0].sum(), rand(1, 2, 3));
        check.assertGradientsMatch(t -> t[0].mean(), rand(2, 2, 3));
        check.assertGradientsMatch(t -> t[0].sum(false, 0, 2), rand(3, 2, 3, 4));
        check.assertGradientsMatch(t -> t[0].sum(true, 1), rand(4, 2, 3, 4));
        check.assertGradientsMatch(t -> t[0].mean(false, -1), rand(5, 2, 3, 4));
    }

    @Test
    void shapeGradientsMatchFiniteDifferences() {
        check.assertGradientsMatch(t -> t[0].reshape(4, -1), rand(1, 2, 3, 4));
        check.assertGradientsMatch(t -> t[0].permute(2, 0, 1), rand(2, 2, 3, 4));
        check.assertGradientsMatch(t -> t[0].flatten(1), rand(3, 2, 3, 4));
        check.assertGradientsMatch(t -> t[0].select(1), rand(4, 3, 2, 2));
        check.assertGradientsMatch(t -> t[0].narrow(1, 1, 2), rand(5, 2, 4, 2));
        check.assertGradientsMatch(t -> ShapeOps.stack(List.of(t[0], t[1].mul(2.0), t[0])), rand(6, 2, 3), rand(7, 2, 3));
        check.assertGradientsMatch(t -> ShapeOps.concat(1, List.of(t[0], t[1])), rand(8, 2, 3), rand(9, 2, 5));
    }

    @Test
    void linearAlgebraGradientsMatchFiniteDifferences() {
        check.assertGradientsMatch(t -> t[0].matmul(t[1]), rand(1, 3, 4), rand(2, 4, 5));
        check.assertGradientsMatch(t -> LinearOps.linear(t[0], t[1], t[2]), rand(3, 2, 3, 4), rand(4, 5, 4), rand(5, 5));
        check.assertGradientsMatch(t -> LinearOps.linear(t[0], t[1], null), rand(6, 3, 4), rand(7, 2, 4));
    }

    @Test
    void sharedSubexpressionsAccumulateGradients() {
        Tensor x = rand(1, 3);
        Tensor y = x.mul(x).add(x).sum();
        y.backward();
        INDArray expected = x.value().mul(2).addi(1);
        assertTrue(expected.equalsWithEps(x.grad(), 1e-12));
        // a second backward from a fresh graph accumulates into the same leaf gradient
        x.sum().backward();
        assertTrue(expected.add(1).equalsWithEps(x.grad(), 1e-12));
    }

    @Test
    void backwardOnNonScalarWithoutSeedIsRejected() {
        Tensor x = rand(1, 2, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).backward());
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("mulScalar"), e.getMessage());
    }

    @Test
    void secondBackwardThroughFreedGraphFailsClearly() {
        Tensor x = rand(1, 3);
        Tensor y = x.exp().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
    }

    @Test
    void retainedGraphAllowsSecondBackward() {
        Tensor x = rand(1, 3);
        Tensor y = x.exp().sum();
        y.backward(Nd4j.onesLike(y.value()), true);
        INDArray first = x.grad().dup();
        y.backward(Nd4j.onesLike(y.value()), true);
        assertTrue(first.mul(2).equalsWithEps(x.grad(), 1e-12));
    }

    @Test
    void shapeMismatchNamesBothShapesAndTheOp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rand(1, 2, 3).add(rand(2, 4)));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rand(1, 2, 3).matmul(rand(2, 2, 3)));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[2, 3]"), e.getMessage());
        Tensor f = Tensor.variable(Nd4j.zeros(DataType.FLOAT, 2));
        e = assertThrows(IllegalArgumentException.class, () -> f.add(rand(2, 2)));
        assertTrue(e.getMessage().contains("FLOAT") && e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = rand(1, 3);
        Tensor y;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            y = x.exp().sum();
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void detachStopsGradient() {
        Tensor x = rand(1, 3);
        Tensor y = x.mul(x.detach()).sum();
        y.backward();
        assertTrue(x.value().equalsWithEps(x.grad(), 1e-12));
    }

    @Test
    void frozenLeafReceivesNoGradient() {
        Tensor w = rand(1, 3);
        Tensor x = rand(2, 3);
        w.setRequiresGrad(false);
        x.mul(w).sum().backward();
        assertNull(w.grad());
        assertEquals(3, x.grad().length());
    }

    @Test
    void multiOutputOpsReceiveZeroGradientForUnusedOutputs() {
        Tensor x = rand(1, 4);
        Tensor[] outs = Tensor.recordMulti("split2", new INDArray[] {x.value().mul(2), x.value().mul(3)},
                g -> new INDArray[] {g[0].mul(2).addi(g[1].mul(3))}, x);
        outs[1].sum().backward();
        assertTrue(Nd4j.valueArrayOf(x.shape(), 3.0, DataType.DOUBLE).equalsWithEps(x.grad(), 1e-12));
    }
}
