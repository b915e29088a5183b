package io.snn4j.neurons.kernel;

import io.snn4j.neurons.MpePsnConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static io.snn4j.neurons.kernel.GradCheck.arr;
import static io.snn4j.neurons.kernel.GradCheck.dot;
import static io.snn4j.neurons.kernel.GradCheck.vals;

/**
 * Finite-difference checks of the MPE-PSN backward (docs/spec.md §5) in DOUBLE with the spike swapped for
 * σ(4x): dL/dx, dL/dθ and dL/dcoef of {@code L = Σ gs·s + gML·memLoss}, differentiating the
 * kernel's own forward (nothing is detached; the mask is an input without gradient).
 */
class MpePsnKernelGradientCheckTest {

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
        double theta = 0.9;
        CpuMpePsnKernel kernel = new CpuMpePsnKernel(s -> new SmoothSpike(4.0));
        MpePsnConfig cfg = MpePsnConfig.standard();
        INDArray ms = arr(mask, T, N);
        INDArray gsa = arr(gs, T, N);
        MpePsnForward f = kernel.forward(cfg, arr(x, T, N), ms, theta, arr(coef, T), false);
        MpePsnGradients g = kernel.backward(f.saved(), gsa, gml);
        GradCheck.assertAgree("dL/dx", vals(g.gradX()), GradCheck.numeric(x,
                v -> loss(kernel, cfg, v, ms, theta, coef, gs, gml)));
        GradCheck.assertAgree("dL/dθ", new double[] {g.gradThreshold()},
                GradCheck.numeric(new double[] {theta}, v -> loss(kernel, cfg, x, ms, v[0], coef, gs, gml)));
        GradCheck.assertAgree("dL/dcoef", vals(g.gradCoef()),
                GradCheck.numeric(coef, v -> loss(kernel, cfg, x, ms, theta, v, gs, gml)));
    }

    private static double loss(CpuMpePsnKernel k, MpePsnConfig cfg, double[] x, INDArray mask,
                               double theta, double[] coef, double[] gs, double gml) {
        MpePsnForward f = k.forward(cfg, arr(x, T, N), mask, theta, arr(coef, T), false);
        return dot(gs, vals(f.spikes())) + gml * f.memLoss();
    }
}
