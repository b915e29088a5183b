package io.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.LinearOps;
import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.autograd.SpikeOps;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A two-layer spiking MLP built only from core ops, with a plain (unfused) LIF unrolled step by
 * step: backpropagation through time is just the tape of the unrolled graph.
 */
class SpikingMlpTrainingTest {
    static final DoubleUnaryOperator TRIANGLE = x -> Math.max(0.0, 1.0 - Math.abs(x));

    /** Plain TET LIF (decay 0.5, hard reset not detached) over {@code [T, B, N]} from core ops. */
    static Tensor plainLif(Tensor x, double decay, double threshold, DoubleUnaryOperator surrogate) {
        long t = x.size(0);
        List<Tensor> spikes = new ArrayList<>();
        Tensor v = null;
        for (int i = 0; i < t; i++) {
            Tensor xi = x.select(i);
            Tensor h = v == null ? xi : v.mul(decay).add(xi);
            Tensor s = SpikeOps.heaviside(h.sub(threshold), surrogate);
            v = h.mul(s.rsub(1.0));
            spikes.add(s);
        }
        return ShapeOps.stack(spikes);
    }

    @Test
    void plainLifMatchesSpecWorkedExample() {
        // docs/spec.md §2: TET LIF, x = [0.6, 0.8, 0.3, 1.5], loss = Σ s
        Tensor x = Tensor.variable(Nd4j.create(new double[] {0.6, 0.8, 0.3, 1.5}, new long[] {4, 1, 1}, DataType.DOUBLE));
        Tensor s = plainLif(x, 0.5, 1.0, TRIANGLE);
        assertEquals(List.of(0.0, 1.0, 0.0, 1.0), toList(s.value()));
        s.sum().backward();
        double[] expected = {0.8152548, 0.67267125, 0.45925, 0.35};
        double[] got = x.grad().data().asDouble();
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], got[i], 1e-7, "dL/dx[" + i + "]");
        }
    }

    @Test
    void unrolledBpttWiringMatchesFiniteDifferencesWithSmoothStep() {
        // Swap the step for a smooth sigmoid so finite differences can check the BPTT wiring.
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = Tensor.variable(Init.uniform(DataType.DOUBLE, new long[] {5, 2, 3}, -0.5, 1.5, rng));
        GradCheck.defaults().assertGradientsMatch(t -> {
            long steps = t[0].size(0);
            List<Tensor> out = new ArrayList<>();
            Tensor v = null;
            for (int i = 0; i < steps; i++) {
                Tensor h = v == null ? t[0].select(i) : v.mul(0.5).add(t[0].select(i));
                Tensor s = h.sub(1.0).mul(4.0).sigmoid();
                v = h.mul(s.rsub(1.0));
                out.add(s);
            }
            return ShapeOps.stack(out);
        }, x);
    }

    @Test
    void twoLayerSpikingMlpLearnsToyTask() {
        // Task: 4 classes, each a fixed random 8-d prototype plus noise; rate-coded output trained with MSE.
        SplittableRandom rng = new SplittableRandom(7);
        int classes = 4;
        int in = 8;
        int hidden = 32;
        int batch = 16;
        int steps = 4;
        INDArray protos = Init.uniform(DataType.FLOAT, new long[] {classes, in}, 0, 1.5, rng);
        Parameter w1 = Parameter.of(Init.defaultWeight(DataType.FLOAT, new long[] {hidden, in}, in, rng).muli(3));
        Parameter b1 = Parameter.noDecay(Nd4j.zeros(DataType.FLOAT, hidden).addi(0.2));
        Parameter w2 = Parameter.of(Init.defaultWeight(DataType.FLOAT, new long[] {classes, hidden}, hidden, rng));
        Parameter b2 = Parameter.noDecay(Nd4j.zeros(DataType.FLOAT, classes));
        List<Parameter> params = List.of(w1, b1, w2, b2);
        double lr = 0.5;
        double first = Double.NaN;
        double lastAvg = 0;
        int iters = 120;
        for (int it = 0; it < iters; it++) {
            int[] labels = new int[batch];
            INDArray xb = Nd4j.create(DataType.FLOAT, batch, in);
            INDArray target = Nd4j.zeros(DataType.FLOAT, batch, classes);
            for (int b = 0; b < batch; b++) {
                labels[b] = rng.nextInt(classes);
                xb.getRow(b).assign(protos.getRow(labels[b]).add(Init.uniform(DataType.FLOAT, new long[] {in}, -0.2, 0.2, rng)));
                target.putScalar(b, labels[b], 1.0);
            }
            // direct encoding: repeat the input T times, [T, B, in]
            Tensor x = Tensor.constant(Nd4j.concat(0, xb.reshape(1, batch, in), xb.reshape(1, batch, in),
                    xb.reshape(1, batch, in), xb.reshape(1, batch, in)));
            Tensor h = plainLif(LinearOps.linear(x, w1, b1), 0.5, 1.0, TRIANGLE);
            Tensor out = LinearOps.linear(h, w2, b2);                       // [T, B, K] per-step outputs
            Tensor rate = out.mean(false, 0);                                // SDT-style readout
            Tensor loss = rate.sub(Tensor.constant(target)).square().mean();
            loss.backward();
            for (Parameter p : params) {
                if (p.grad() != null) {
                    p.value().subi(p.grad().mul(lr));
                }
                p.zeroGrad();
            }
            double l = loss.item();
            if (it == 0) {
                first = l;
            }
            if (it >= iters - 20) {
                lastAvg += l / 20;
            }
            assertEquals(steps, x.size(0));
        }
        assertTrue(lastAvg < 0.5 * first, "loss should at least halve: first " + first + ", last-20 average " + lastAvg);
    }

    private static List<Double> toList(INDArray a) {
        List<Double> l = new ArrayList<>();
        for (double d : a.data().asDouble()) {
            l.add(d);
        }
        return l;
    }
}
