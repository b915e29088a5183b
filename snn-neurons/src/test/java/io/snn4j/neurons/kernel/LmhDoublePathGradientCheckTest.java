package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.reference.ReferenceLmh;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static io.snn4j.neurons.kernel.GradCheck.arr;
import static io.snn4j.neurons.kernel.GradCheck.dot;
import static io.snn4j.neurons.kernel.GradCheck.vals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finite-difference checks in DOUBLE of LM-H's unfused path ({@link ReferenceLmh}, what {@code
 * LmhNeuron} runs for DOUBLE and what the FLOAT kernel is checked against; docs/spec.md §4), spike
 * swapped for σ(4x); the reset's o is gradient-stopped, so the scalar loss below holds it at its
 * unperturbed values.
 */
class LmhDoublePathGradientCheckTest {

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
        Tensor xt = Tensor.variable(arr(x, T, N));
        Tensor[] raw = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            raw[i] = Tensor.variable(arr(new double[] {p[i]}, 1));
        }
        Tensor d0t = givenState ? Tensor.variable(arr(d0, N)) : null;
        Tensor s0t = givenState ? Tensor.variable(arr(s0, N)) : null;
        ReferenceLmh.Output f = ReferenceLmh.run(LmhConfig.standard(), h -> h.mul(4.0).sigmoid(), xt,
                raw[0], raw[1], raw[2], raw[3], d0t, s0t, false);
        double[] o0 = new double[T * N];
        referenceLoss(x, p, d0, s0, null, go, gD, gS, o0);
        double[] ko = vals(f.spikes().value());
        for (int i = 0; i < o0.length; i++) {
            assertEquals(o0[i], ko[i], 1e-12, "forward equals the scalar loop at " + i);
        }
        f.spikes().mul(Tensor.constant(arr(go, T, N))).sum()
                .add(f.vD().mul(Tensor.constant(arr(gD, N))).sum())
                .add(f.vS().mul(Tensor.constant(arr(gS, N))).sum()).backward();
        GradCheck.assertAgree("dL/dx", vals(xt.grad()),
                GradCheck.numeric(x, v -> referenceLoss(v, p, d0, s0, o0, go, gD, gS, null)));
        GradCheck.assertAgree("dL/d(a1,b1,a2,b2)",
                new double[] {raw[0].grad().getDouble(0), raw[1].grad().getDouble(0),
                    raw[2].grad().getDouble(0), raw[3].grad().getDouble(0)},
                GradCheck.numeric(p.clone(), v -> referenceLoss(x, v, d0, s0, o0, go, gD, gS, null)));
        if (givenState) {
            GradCheck.assertAgree("dL/dvD0", vals(d0t.grad()),
                    GradCheck.numeric(d0, v -> referenceLoss(x, p, v, s0, o0, go, gD, gS, null)));
            GradCheck.assertAgree("dL/dvS0", vals(s0t.grad()),
                    GradCheck.numeric(s0, v -> referenceLoss(x, p, d0, v, o0, go, gD, gS, null)));
        }
    }

    private static double[] filled(double v) {
        double[] a = new double[N];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
