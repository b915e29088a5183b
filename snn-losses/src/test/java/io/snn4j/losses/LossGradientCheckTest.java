package io.snn4j.losses;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Finite-difference checks (DOUBLE) of every loss's fused analytic gradient, for every option combination. */
class LossGradientCheckTest {
    static final int[] LABELS = {2, 0, 3};
    final GradCheck check = GradCheck.defaults();

    static Tensor logits(long seed, long... shape) {
        return Tensor.variable(Init.uniform(DataType.DOUBLE, shape, -2, 2, new SplittableRandom(seed)));
    }

    static Stream<Arguments> specs() {
        List<Arguments> out = new ArrayList<>();
        for (String type : new String[] {"sdt", "tet", "tet-s", "lts"}) {
            for (double eps : new double[] {0.0, 0.1}) {
                out.add(Arguments.of(new LossSpec(type, eps, 0.0, 1.0)));
                out.add(Arguments.of(new LossSpec(type, eps, 0.3, 1.0)));
                out.add(Arguments.of(new LossSpec(type, eps, 0.05, -0.5)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void fusedGradientMatchesFiniteDifferences(LossSpec spec) {
        SpikingLoss loss = spec.build();
        check.assertGradientsMatch(t -> loss.loss(t[0], LABELS), logits(7, 3, 3, 4));
    }

    @Test
    void singleStepAndSingleSampleGradientsMatch() {
        for (SpikingLoss loss : List.of(new SdtLoss(0.2), new TetLoss(), new LtsLoss(0.05))) {
            check.assertGradientsMatch(t -> loss.loss(t[0], new int[] {1}), logits(3, 1, 1, 5));
            check.assertGradientsMatch(t -> loss.loss(t[0], new int[] {4}), logits(4, 5, 1, 5));
        }
    }

    @Test
    void mseRegularizerGradientMatchesFiniteDifferences() {
        check.assertGradientsMatch(t -> new MseRegularizer().loss(t[0]), logits(11, 2, 3, 4));
        check.assertGradientsMatch(t -> new MseRegularizer(0.25).loss(t[0]), logits(12, 4, 2, 3));
    }

    @Test
    void gradientFlowsThroughUpstreamOpsAndANonContiguousView() {
        // outputs = permute(w ⊙ x) from [B, T, K] to [T, B, K]: the fused op sits at the end of a longer graph
        SpikingLoss loss = new MixedLoss(new TetLoss(0.1), 0.2);
        check.assertGradientsMatch(t -> loss.loss(t[0].mul(t[1]).permute(1, 0, 2), LABELS),
                logits(21, 3, 4, 5), logits(22, 1, 4, 5));
    }

    @Test
    void membraneLossMixGradientMatchesFiniteDifferences() {
        SpikingLoss cls = new TetLoss();
        check.assertGradientsMatch(t -> MembraneLossMix.mix(cls.loss(t[0], LABELS),
                List.of(t[1].square().mean(), t[2].sub(0.5).square().mean()), 0.3),
                logits(31, 2, 3, 4), logits(32, 2, 3), logits(33, 5));
    }
}
