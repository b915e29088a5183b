package io.snn4j.neurons;

import io.snn4j.core.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layer on the autograd tape with the recomputing kernel: a retained graph can run backward
 * twice with identical gradients, and forwards whose graphs are dropped (no backward) between a
 * forward and its backward change nothing.
 */
class LifNeuronRecomputeTest {

    private static INDArray random(long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        long len = 1;
        for (long d : shape) {
            len *= d;
        }
        float[] v = new float[(int) len];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 0.5);
        }
        return Nd4j.create(v, shape, 'c');
    }

    @Test
    void retainedGraphAndDroppedGraphsGiveIdenticalGradients() {
        LifNeuron neuron = LifNeuron.withLearnableV0(LifConfig.tet(), new long[] {3, 5}, V0Init.uniform(0.0, 0.5),
                DataType.FLOAT, new java.util.Random(3));
        INDArray xv = random(1, 6, 4, 3, 5);
        INDArray seed = random(2, 6, 4, 3, 5);

        Tensor x1 = Tensor.variable(xv.dup());
        Tensor s1 = neuron.forward(x1);
        s1.backward(seed);
        INDArray gx1 = x1.grad().dup();
        INDArray gv1 = neuron.v0().grad().dup();
        neuron.v0().zeroGrad();

        Tensor x2 = Tensor.variable(xv.dup());
        Tensor s2 = neuron.forward(x2);
        for (int i = 0; i < 5; i++) {
            neuron.forward(Tensor.variable(random(10 + i, 6, 4, 3, 5))); // dropped, never backward
        }
        s2.backward(seed, true);
        assertArrayEquals(s1.value().data().asFloat(), s2.value().data().asFloat(), 0f);
        assertArrayEquals(gx1.data().asFloat(), x2.grad().data().asFloat(), 0f);
        assertArrayEquals(gv1.data().asFloat(), neuron.v0().grad().data().asFloat(), 0f);
        INDArray gx2 = x2.grad().dup();
        s2.backward(seed, true); // retained graph: the second backward accumulates the same again
        assertArrayEquals(gx2.mul(2).data().asFloat(), x2.grad().data().asFloat(), 0f);
        assertEquals(DataType.FLOAT, x2.grad().dataType());
    }
}
