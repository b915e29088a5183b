package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.reference.ReferenceMpePsn;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static io.snn4j.neurons.kernel.GradCheck.arr;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks in DOUBLE of MPE-PSN's unfused path ({@link ReferenceMpePsn}, what {@code
 * MpePsnNeuron} runs for DOUBLE and what the FLOAT kernel is checked against; docs/spec.md §5) with
 * the spike swapped for σ(4x): dL/dx, dL/dθ and dL/dcoef of {@code L = Σ gs·s + gML·memLoss}
 * (nothing is detached; the mask is an input without gradient).
 */
class MpePsnDoublePathGradientCheckTest {

    private static final int T = 5;
    private static final int N = 7;

    @Test
    void backwardMatchesCentralDifferences() {
        Random r = new Random(11);
        double[] x = GradCheck.uniform(r, T * N, -0.5, 1.8);
        double[] mask = new double[T * N];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextBoolean() ? 1 : 0;
        }
        double[] coef = GradCheck.uniform(r, T, 0.1, 0.5);
        double[] gs = GradCheck.uniform(r, T * N, -1, 1);
        double gml = 3.0;
        MpePsnConfig cfg = MpePsnConfig.standard();
        INDArray ms = arr(mask, T, N);
        INDArray gsa = arr(gs, T, N);
        Tensor xt = Tensor.variable(arr(x, T, N));
        Tensor theta = Tensor.variable(arr(new double[] {0.9}, 1));
        Tensor ct = Tensor.variable(arr(coef, T));
        io.snn4j.core.autograd.GradCheck.Result res = io.snn4j.core.autograd.GradCheck.defaults().withTolerance(1e-5)
                .check(in -> {
                    ReferenceMpePsn.Output o = ReferenceMpePsn.forward(cfg, h -> h.mul(4.0).sigmoid(), xt, ms, theta, ct);
                    return o.spikes().mul(Tensor.constant(gsa)).sum().add(o.memLoss().mul(gml));
                }, xt, theta, ct);
        assertTrue(res.passed(), res.toString());
    }
}
