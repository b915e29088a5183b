package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.ResetMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;
import java.util.stream.Stream;

import static io.snn4j.neurons.kernel.GradCheck.arr;
import static io.snn4j.neurons.kernel.GradCheck.dot;
import static io.snn4j.neurons.kernel.GradCheck.vals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finite-difference checks of the LIF BPTT wiring (SPEC §2) in DOUBLE with the Heaviside swapped
 * for σ(4x). A detached reset is not a function of x, so the reference loss for those modes holds
 * the reset's spikes at their unperturbed values (the detached gradient is that function's gradient).
 */
class LifKernelGradientCheckTest {

    private static final int T = 5;
    private static final int N = 6;
    private static final SmoothSpike SMOOTH = new SmoothSpike(4.0);

    static Stream<Arguments> modes() {
        return Stream.of(ResetMode.values()).flatMap(r -> Stream.of(false, true).flatMap(d ->
                Stream.of(0, 3, N).map(m -> Arguments.of(r, d, m))));
    }

    /** Reference forward: returns Σ gs·s + Σ gvf·vFinal; {@code frozen} (nullable) replaces s in the reset. */
    static double referenceLoss(LifConfig c, double[] x, double[] v0, int m, double[] frozen,
                                double[] gs, double[] gvf, double[] spikesOut) {
        double[] v = new double[N];
        for (int n = 0; n < N; n++) {
            v[n] = m == 0 ? 0.0 : v0[n % m];
        }
        double loss = 0;
        for (int t = 0; t < T; t++) {
            for (int n = 0; n < N; n++) {
                int i = t * N + n;
                double h = c.decay() * v[n] + c.gain() * x[i];
                double s = SMOOTH.f(h - c.threshold());
                if (spikesOut != null) {
                    spikesOut[i] = s;
                }
                double sr = frozen == null ? s : frozen[i];
                v[n] = c.resetMode() == ResetMode.HARD ? h * (1 - sr) : h - c.threshold() * sr;
                loss += gs[i] * s;
            }
        }
        return loss + (gvf == null ? 0 : dot(gvf, v));
    }

    @ParameterizedTest(name = "{0} detach={1} v0 length={2}")
    @MethodSource("modes")
    void backwardMatchesCentralDifferences(ResetMode reset, boolean detach, int m) {
        Random r = new Random(31 + m + (detach ? 7 : 0) + reset.ordinal() * 13);
        LifConfig c = LifConfig.builder().decay(0.6).gain(0.9).threshold(1.0).resetMode(reset)
                .detachReset(detach).build();
        double[] x = GradCheck.uniform(r, T * N, -0.2, 1.6);
        double[] v0 = GradCheck.uniform(r, Math.max(m, 1), -0.2, 0.6);
        double[] gs = GradCheck.uniform(r, T * N, -1, 1);
        double[] gvf = GradCheck.uniform(r, N, -1, 1);
        CpuLifKernel kernel = new CpuLifKernel(false, s -> SMOOTH);
        LifForward f = kernel.forward(c, arr(x, T, N), m == 0 ? null : arr(v0, m), false);
        double[] s0 = new double[T * N];
        referenceLoss(c, x, v0, m, null, gs, gvf, s0);
        double[] ks = vals(f.spikes());
        for (int i = 0; i < s0.length; i++) {
            assertEquals(s0[i], ks[i], 1e-12, "kernel forward equals the reference at " + i);
        }
        double[] frozen = detach ? s0 : null;
        LifGradients g = kernel.backward(f.saved(), arr(gs, T, N), arr(gvf, N));
        double[] nx = GradCheck.numeric(x, p -> referenceLoss(c, p, v0, m, frozen, gs, gvf, null));
        GradCheck.assertAgree("dL/dx", vals(g.gradX()), nx);
        if (m > 0) {
            double[] nv = GradCheck.numeric(v0, p -> referenceLoss(c, x, p, m, frozen, gs, gvf, null));
            GradCheck.assertAgree("dL/dv0", vals(g.gradVInit()), nv);
            assertEquals(m, g.gradVInit().length());
        }
    }
}
