package io.snn4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.rng.SplitMix64;
import io.snn4j.core.train.TinyMlp;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {
    static final double TOL = 1e-12;

    static Parameter param(double... v) {
        return Parameter.of(Nd4j.createFromArray(v));
    }

    /** Loss 0.5·Σp², so the gradient is p itself. */
    static void halfSquareBackward(Parameter p) {
        p.square().sum().mul(0.5).backward();
    }

    /** Runs {@code steps} steps on 0.5·Σp² from p0 = [1, -2] and returns p after each step. */
    static double[][] run(Function<Parameter, Optimizer> make, int steps) {
        Parameter p = param(1.0, -2.0);
        Optimizer opt = make.apply(p);
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            halfSquareBackward(p);
            opt.step();
            out[t] = p.value().toDoubleVector();
        }
        return out;
    }

    static void assertTrajectory(double[] expectedFirst, double[][] actual) {
        for (int t = 0; t < expectedFirst.length; t++) {
            assertEquals(expectedFirst[t], actual[t][0], TOL, "step " + (t + 1));
        }
    }

    @Test
    void sgdMomentumWithWeightDecayMatchesPyTorchFormulas() {
        // g = p + 0.01 p; b1 = g1; b_t = 0.9 b_{t-1} + g_t; p <- p - 0.1 b   (p0 = 1)
        // t1: g=1.01, b=1.01, p=0.899
        // t2: g=0.90799, b=0.909+0.90799=1.81699, p=0.717301
        // t3: g=0.72447401, b=1.635291+0.72447401=2.35976501, p=0.481324499
        double[][] traj = run(p -> new Sgd(List.of(ParamGroup.of("all", List.of(p), 0.01)),
                Sgd.Options.builder().lr(0.1).momentum(0.9).build()), 3);
        assertTrajectory(new double[] {0.899, 0.717301, 0.481324499}, traj);
        // the second coordinate starts at -2 and the problem is linear: always -2x the first
        assertEquals(-2 * 0.481324499, traj[2][1], TOL);
    }

    @Test
    void sgdNesterovMatchesPyTorchFormulas() {
        // b1 = g1; b_t = 0.9 b + g; d = g + 0.9 b; p <- p - 0.1 d   (p0 = 1, g = p)
        // t1: b=1, d=1.9, p=0.81
        // t2: b=0.9+0.81=1.71, d=0.81+1.539=2.349, p=0.5751
        // t3: b=1.539+0.5751=2.1141, d=0.5751+1.90269=2.47779, p=0.327321
        double[][] traj = run(p -> new Sgd(List.of(p),
                Sgd.Options.builder().lr(0.1).momentum(0.9).nesterov(true).build()), 3);
        assertTrajectory(new double[] {0.81, 0.5751, 0.327321}, traj);
    }

    @Test
    void plainSgdIsGradientDescent() {
        // p <- p - 0.1 p = 0.9 p
        double[][] traj = run(p -> new Sgd(List.of(p), Sgd.Options.builder().lr(0.1).build()), 2);
        assertTrajectory(new double[] {0.9, 0.81}, traj);
    }

    @Test
    void adamMatchesPyTorchFormulas() {
        // m = 0.9m + 0.1g; v = 0.999v + 0.001g²; p <- p - (lr/(1-0.9^t)) m / (sqrt(v)/sqrt(1-0.999^t) + 1e-8)
        // t1: m=0.1, v=0.001 → p = 1 - 0.1·1/(1+1e-8) = 0.900000001
        // t2, t3 from the same formulas (evaluated in double precision):
        double[][] traj = run(p -> new Adam(List.of(p), Adam.Options.of(0.1)), 3);
        assertTrajectory(new double[] {0.900000001, 0.8004122297123382, 0.701586274504415}, traj);
        assertEquals(-1.9000000005, traj[0][1], TOL);
        assertEquals(-1.7006233928121137, traj[2][1], TOL);
    }

    @Test
    void adamL2WeightDecayIsInTheGradient() {
        // g = p + 0.1 p, otherwise as Adam: t1: p = 1 - 0.1·1.1/(1.1+1e-8) = 0.90000000090909...
        double[][] traj = run(p -> new Adam(List.of(ParamGroup.of("all", List.of(p), 0.1)), Adam.Options.of(0.1)), 3);
        assertTrajectory(new double[] {0.9000000009090909, 0.8004122295267845, 0.7015862742210723}, traj);
    }

    @Test
    void adamWDecaysDecoupled() {
        // p <- p(1 - 0.1·0.1), then Adam with g computed before the decay:
        // t1: p = 0.99 - 0.1·1/(1+1e-8) = 0.890000001
        double[][] traj = run(p -> new AdamW(List.of(p), 0.1, Adam.Options.of(0.1)), 3);
        assertTrajectory(new double[] {0.890000001, 0.7815718569541611, 0.6751012231892008}, traj);
    }

    @Test
    void weightDecayIsSkippedForNoDecayParamsViaParamGroups() {
        TinyMlp m = new TinyMlp(3, 4, 2, DataType.DOUBLE, new SplitMix64(1));
        List<ParamGroup> groups = ParamGroups.splitWeightDecay(m, 0.5);
        assertEquals(List.of(m.fc1.weight, m.fc2.weight), groups.get(0).params());
        assertEquals(List.of(m.fc1.bias, m.fc2.bias), groups.get(1).params());
        assertEquals(0.0, groups.get(1).weightDecay());
        for (boolean adamW : new boolean[] {false, true}) {
            Map<String, INDArray> before = copy(m.stateDict());
            Optimizer opt = adamW ? new AdamW(groups, Adam.Options.of(0.1))
                    : new Sgd(groups, Sgd.Options.builder().lr(0.1).momentum(0.9).build());
            // a loss whose gradient is exactly zero: only weight decay can move parameters
            opt.zeroGrad();
            Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 2, 3));
            m.forward(x).sum().mul(0.0).backward();
            opt.step();
            // weights: p - 0.1·0.5·p = 0.95 p (SGD: g = 0.5p, b = g; AdamW: p(1 - 0.05), Adam part 0/(0+eps) = 0)
            for (String w : List.of("fc1.weight", "fc2.weight")) {
                assertTrue(before.get(w).mul(0.95).equalsWithEps(m.stateDict().get(w), 1e-15), w);
            }
            for (String b : List.of("fc1.bias", "fc2.bias")) {
                assertEquals(before.get(b), m.stateDict().get(b), b + " must not decay");
            }
        }
    }

    @Test
    void frozenParamsAndParamsWithoutGradientAreUntouched() {
        Parameter a = param(1.0, 2.0);
        Parameter frozen = param(3.0, 4.0);
        Parameter unused = param(5.0, 6.0);
        Optimizer opt = new Sgd(List.of(ParamGroup.of("all", List.of(a, frozen, unused), 0.1)),
                Sgd.Options.builder().lr(0.1).momentum(0.9).build());
        a.mul(frozen).sum().backward(); // frozen gets a gradient, then is frozen
        frozen.setRequiresGrad(false);
        assertTrue(frozen.grad() != null);
        opt.step();
        assertArrayEquals(new double[] {3.0, 4.0}, frozen.value().toDoubleVector());
        assertArrayEquals(new double[] {5.0, 6.0}, unused.value().toDoubleVector());
        // a: g = [3,4] + 0.1·[1,2]; p = [1,2] - 0.1 g = [0.69, 1.58]
        assertArrayEquals(new double[] {0.69, 1.58}, a.value().toDoubleVector(), TOL);
        Map<String, INDArray> sd = opt.stateDict();
        assertTrue(sd.containsKey("0.momentum_buffer"));
        assertFalse(sd.containsKey("1.momentum_buffer") || sd.containsKey("1.step"));
        assertFalse(sd.containsKey("2.momentum_buffer") || sd.containsKey("2.step"));
    }

    @Test
    void quadraticConverges() {
        double[] target = {0.5, -1.5, 2.0};
        for (int kind = 0; kind < 4; kind++) {
            Parameter p = Parameter.of(Nd4j.zeros(DataType.FLOAT, 3));
            Tensor t = Tensor.constant(Nd4j.createFromArray(target).castTo(DataType.FLOAT));
            Optimizer opt = switch (kind) {
                case 0 -> new Sgd(List.of(p), Sgd.Options.builder().lr(0.05).momentum(0.9).build());
                case 1 -> new Sgd(List.of(p), Sgd.Options.builder().lr(0.05).momentum(0.9).nesterov(true).build());
                case 2 -> new Adam(List.of(p), Adam.Options.of(0.1));
                default -> new AdamW(List.of(p), 1e-4, Adam.Options.of(0.1));
            };
            for (int i = 0; i < 150; i++) {
                opt.zeroGrad();
                p.sub(t).square().sum().backward();
                opt.step();
            }
            double[] got = p.value().toDoubleVector();
            for (int i = 0; i < 3; i++) {
                assertEquals(target[i], got[i], 5e-3, opt + " coordinate " + i);
            }
            assertEquals(150, opt.stepCount());
        }
    }

    @Test
    void invalidHyperparametersAreRejectedNamingTheParameter() {
        assertMessage("lr", () -> Sgd.Options.builder().lr(-1).build());
        assertMessage("momentum", () -> Sgd.Options.builder().momentum(1.0).build());
        assertMessage("momentum", () -> Sgd.Options.builder().momentum(-0.1).build());
        assertMessage("nesterov", () -> Sgd.Options.builder().nesterov(true).build());
        assertMessage("dampening", () -> Sgd.Options.builder().momentum(0.9).dampening(0.1).nesterov(true).build());
        assertMessage("lr", () -> Adam.Options.builder().lr(Double.NaN).build());
        assertMessage("beta1", () -> Adam.Options.builder().betas(1.0, 0.999).build());
        assertMessage("beta2", () -> Adam.Options.builder().betas(0.9, -0.5).build());
        assertMessage("eps", () -> Adam.Options.builder().eps(0).build());
        assertMessage("weightDecay", () -> ParamGroup.of("g", List.of(), -1));
        Parameter p = param(1.0);
        assertMessage("appears", () -> new Sgd(List.of(p, p), Sgd.Options.builder().build()));
        Sgd sgd = new Sgd(List.of(p), Sgd.Options.builder().build());
        assertMessage("lr", () -> sgd.setLearningRate(-0.1));
    }

    static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), "message '" + ex.getMessage() + "' should name " + fragment);
    }

    @Test
    void learningRateKeepsGroupScales() {
        Parameter a = param(1.0);
        Parameter b = param(1.0);
        Sgd opt = new Sgd(List.of(ParamGroup.of("a", List.of(a), 0), ParamGroup.of("b", List.of(b), 0).withLrScale(10)),
                Sgd.Options.builder().lr(0.01).build());
        opt.setLearningRate(0.02);
        assertEquals(0.02, opt.learningRate());
        assertEquals(0.02, opt.learningRate(0));
        assertEquals(0.2, opt.learningRate(1), 1e-15);
        a.add(b).sum().backward(); // both gradients 1
        opt.step();
        assertEquals(0.98, a.value().getDouble(0), TOL);
        assertEquals(0.8, b.value().getDouble(0), TOL);
    }

    @Test
    void stateDictRoundTripsAndRejectsWrongShapes() {
        Parameter p = param(1.0, -2.0);
        Adam opt = new Adam(List.of(p), Adam.Options.of(0.1));
        halfSquareBackward(p);
        opt.step();
        Map<String, INDArray> sd = opt.stateDict();
        assertEquals(List.of("lr", "step_count", "0.step", "0.exp_avg", "0.exp_avg_sq"), List.copyOf(sd.keySet()));
        assertEquals(1L, sd.get("0.step").getLong(0));

        Parameter q = param(0.9, -1.9);
        Adam fresh = new Adam(List.of(q), Adam.Options.of(0.5));
        fresh.loadStateDict(sd);
        assertEquals(0.1, fresh.learningRate());
        assertEquals(1, fresh.stepCount());
        assertEquals(sd.get("0.exp_avg"), fresh.stateDict().get("0.exp_avg"));
        sd.get("0.exp_avg").addi(1.0); // the loaded state is a copy
        assertNotEquals(sd.get("0.exp_avg"), fresh.stateDict().get("0.exp_avg"));
        // the state dict is the optimizer's own buffers, as Module.stateDict() and PyTorch's
        assertEquals(sd.get("0.exp_avg"), opt.stateDict().get("0.exp_avg"));
        sd.get("0.exp_avg").subi(1.0);

        Map<String, INDArray> bad = new java.util.LinkedHashMap<>(opt.stateDict());
        bad.put("0.exp_avg", Nd4j.zeros(DataType.DOUBLE, 3));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(bad));
        assertTrue(ex.getMessage().contains("0.exp_avg") && ex.getMessage().contains("[3]") && ex.getMessage().contains("[2]"),
                ex.getMessage());
        bad.remove("0.exp_avg");
        bad.put("0.momentum_buffer", Nd4j.zeros(DataType.DOUBLE, 2));
        assertMessage("momentum_buffer", () -> fresh.loadStateDict(bad));
        // failed loads changed nothing
        assertEquals(sd.get("0.exp_avg_sq"), fresh.stateDict().get("0.exp_avg_sq"));
    }

    static Map<String, INDArray> copy(Map<String, INDArray> m) {
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
