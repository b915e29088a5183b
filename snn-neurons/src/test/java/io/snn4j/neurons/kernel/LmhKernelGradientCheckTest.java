package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LmhConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static io.snn4j.neurons.kernel.GradCheck.arr;
import static io.snn4j.neurons.kernel.GradCheck.dot;
import static io.snn4j.neurons.kernel.GradCheck.vals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finite-difference checks of the hand-derived LM-H BPTT (docs/spec.md §4) in DOUBLE, spike swapped for
 * σ(4x); the reset's o is gradient-stopped, so the reference holds it at its unperturbed values.
 */
class LmhKernelGradientCheckTest {

    private static final int T = 6;
    private static final int N = 5;
    private static final SmoothSpike SMOOTH = new SmoothSpike(4.0);
    private static final double THETA = 1.0;

    /** p = [a1, b1, a2, b2]; returns Σ go·o + gD·vD[T−1] + gS·vS[T−1]. */
    static double referenceLoss(double[] x, double[] p, double[] d0, double[] s0, double[] frozenO,
                                double[] go, double[] gD, double[] gS, double[] oOut) {
        LmhParams q = new LmhParams(p[0], p[1], p[2], p[3]);
        double[] vd = d0.clone();
        double[] vs = s0.clone();
        double loss = 0;
        for (int t = 0; t < T; t++) {
            for (int n = 0; n < N; n++) {
                int i = t * N + n;
                double d = q.muD() * vd[n] + q.muS() * vs[n] + x[i];
                double ms = q.lambdaS() * vs[n] + q.lambdaD() * d;
                double o = THETA * SMOOTH.f(ms - THETA);
                if (oOut != null) {
                    oOut[i] = o;
                }
                vd[n] = d;
                vs[n] = ms - (frozenO == null ? o : frozenO[i]);
                loss += go[i] * o;
            }
        }
        return loss + dot(gD, vd) + dot(gS, vs);
    }

    @ParameterizedTest(name = "given initial state={0}")
    @ValueSource(booleans = {false, true})
    void backwardMatchesCentralDifferences(boolean givenState) {
        Random r = new Random(givenState ? 5 : 6);
        double[] x = GradCheck.uniform(r, T * N, -0.3, 1.4);
        double[] p = {0.7, -0.8, -0.6, 0.4};
        double[] d0 = givenState ? GradCheck.uniform(r, N, -0.3, 0.3) : new double[N];
        double[] s0 = givenState ? GradCheck.uniform(r, N, 0.0, 0.8) : filled(THETA / 2);
        double[] go = GradCheck.uniform(r, T * N, -1, 1);
        double[] gD = GradCheck.uniform(r, N, -1, 1);
        double[] gS = GradCheck.uniform(r, N, -1, 1);
        CpuLmhKernel kernel = new CpuLmhKernel(s -> SMOOTH);
        LmhConfig cfg = LmhConfig.standard();
        LmhParams params = new LmhParams(p[0], p[1], p[2], p[3]);
        LmhForward f = kernel.forward(cfg, params, arr(x, T, N), givenState ? arr(d0, N) : null,
                givenState ? arr(s0, N) : null, false);
        double[] o0 = new double[T * N];
        referenceLoss(x, p, d0, s0, null, go, gD, gS, o0);
        double[] ko = vals(f.spikes());
        for (int i = 0; i < o0.length; i++) {
            assertEquals(o0[i], ko[i], 1e-12, "kernel forward equals the reference at " + i);
        }
        LmhGradients g = kernel.backward(f.saved(), arr(go, T, N), arr(gD, N), arr(gS, N));
        GradCheck.assertAgree("dL/dx", vals(g.gradX()),
                GradCheck.numeric(x, v -> referenceLoss(v, p, d0, s0, o0, go, gD, gS, null)));
        GradCheck.assertAgree("dL/d(a1,b1,a2,b2)",
                new double[] {g.gradA1(), g.gradB1(), g.gradA2(), g.gradB2()},
                GradCheck.numeric(p.clone(), v -> referenceLoss(x, v, d0, s0, o0, go, gD, gS, null)));
        if (givenState) {
            GradCheck.assertAgree("dL/dvD0", vals(g.gradVD0()),
                    GradCheck.numeric(d0, v -> referenceLoss(x, p, v, s0, o0, go, gD, gS, null)));
            GradCheck.assertAgree("dL/dvS0", vals(g.gradVS0()),
                    GradCheck.numeric(s0, v -> referenceLoss(x, p, d0, v, o0, go, gD, gS, null)));
        }
    }

    private static double[] filled(double v) {
        double[] a = new double[N];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
