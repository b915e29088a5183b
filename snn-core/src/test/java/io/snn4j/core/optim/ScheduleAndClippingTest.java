package io.snn4j.core.optim;

import static io.snn4j.core.optim.OptimizerTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.snn4j.core.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ScheduleAndClippingTest {
    @Test
    void cosineFollowsPyTorchClosedFormAndStaysAtTheFloor() {
        CosineSchedule s = new CosineSchedule(0.1, 0.001, 100);
        assertEquals(0.1, s.learningRate(0), 1e-15);
        // eta_min + (base - eta_min)(1 + cos(pi t/T))/2
        assertEquals(0.001 + 0.099 * 0.5, s.learningRate(50), 1e-15);
        assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.25)) / 2, s.learningRate(25), 1e-15);
        assertEquals(0.001, s.learningRate(100), 1e-15);
        assertEquals(0.001, s.learningRate(150), 0.0);
        assertEquals(0.0, CosineSchedule.toZero(1e-3, 10).learningRate(10), 1e-18);
        assertMessage("totalSteps", () -> new CosineSchedule(0.1, 0, 0));
        assertMessage("floor", () -> new CosineSchedule(0.1, -1, 10));
        assertMessage("step", () -> s.learningRate(-1));
    }

    @Test
    void linearWarmupThenInnerSchedule() {
        LinearWarmup w = new LinearWarmup(new StepSchedule(1.0, 10, 0.5), 4, 0.2);
        // factor 0.2 + 0.8 t/4 of inner(0) = 1
        assertEquals(0.2, w.learningRate(0), 1e-15);
        assertEquals(0.6, w.learningRate(2), 1e-15);
        assertEquals(0.8, w.learningRate(3), 1e-15);
        assertEquals(1.0, w.learningRate(4), 1e-15);   // inner(0)
        assertEquals(0.5, w.learningRate(14), 1e-15);  // inner(10)
        assertEquals(1.0, new LinearWarmup(LrSchedule.constant(1.0), 0, 0.1).learningRate(0));
        assertMessage("startFactor", () -> new LinearWarmup(LrSchedule.constant(1.0), 3, 0));
        assertMessage("warmupSteps", () -> new LinearWarmup(LrSchedule.constant(1.0), -1, 0.5));
    }

    @Test
    void stepScheduleDecaysEveryStepSize() {
        StepSchedule s = new StepSchedule(0.1, 30, 0.1);
        assertEquals(0.1, s.learningRate(29), 1e-15);
        assertEquals(0.01, s.learningRate(30), 1e-15);
        assertEquals(0.001, s.learningRate(65), 1e-15);
        assertMessage("stepSize", () -> new StepSchedule(0.1, 0, 0.1));
        assertMessage("gamma", () -> new StepSchedule(0.1, 1, 0));
        assertMessage("base", () -> new StepSchedule(-0.1, 1, 0.5));
    }

    @Test
    void scheduleSetsTheOptimizerLearningRate() {
        Sgd opt = new Sgd(List.of(Parameter.of(Nd4j.zeros(1))), Sgd.Options.builder().lr(1).build());
        new CosineSchedule(0.2, 0, 4).apply(opt, 2);
        assertEquals(0.1, opt.learningRate(), 1e-15);
    }

    @Test
    void clipGlobalNormScalesLikeClipGradNorm() {
        Parameter a = Parameter.of(Nd4j.createFromArray(1.0, 1.0));
        Parameter b = Parameter.of(Nd4j.createFromArray(1.0));
        Parameter noGrad = Parameter.of(Nd4j.createFromArray(1.0));
        // grads: a -> [3, 0] via 3·a0, b -> [4]; global norm 5
        a.mul(Parameter.of(Nd4j.createFromArray(3.0, 0.0))).sum().add(b.mul(4.0).sum()).backward();
        double norm = GradientClipping.clipGlobalNorm(List.of(a, b, noGrad), 1.0);
        assertEquals(5.0, norm, 1e-12);
        double c = 1.0 / (5.0 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 0}, a.grad().toDoubleVector(), 1e-12);
        assertEquals(4 * c, b.grad().getDouble(0), 1e-12);
        // below the bound: unchanged
        double n2 = GradientClipping.clipGlobalNorm(List.of(a, b), 2.0);
        assertEquals(1.0, n2, 1e-5);
        assertEquals(4 * c, b.grad().getDouble(0), 0.0);
        assertMessage("maxNorm", () -> GradientClipping.clipGlobalNorm(List.of(a), 0));
    }
}
