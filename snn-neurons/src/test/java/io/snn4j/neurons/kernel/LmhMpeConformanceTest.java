package io.snn4j.neurons.kernel;

import io.snn4j.neurons.ConformanceCase;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.stream.Stream;

import static io.snn4j.neurons.ConformanceCase.values;
import static org.junit.jupiter.api.Assertions.assertNull;

class LmhMpeConformanceTest {

    static Stream<Arguments> lmhCases() {
        return Stream.of("lmh-init", "lmh-trained").flatMap(id -> Stream.of(
                Arguments.of(id, DataType.FLOAT), Arguments.of(id, DataType.DOUBLE)));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lmhCases")
    void lmhMatchesConformanceCase(String id, DataType dt) {
        ConformanceCase c = ConformanceCase.load(id);
        Map<String, Object> n = c.section("neuron");
        LmhConfig cfg = new LmhConfig(((Number) n.get("threshold")).doubleValue(),
                ConformanceCase.surrogate((Map<String, Object>) n.get("surrogate")));
        LmhParams p = new LmhParams(c.scalar("inputs", "alpha1"), c.scalar("inputs", "beta1"),
                c.scalar("inputs", "alpha2"), c.scalar("inputs", "beta2"));
        INDArray x = c.array("inputs", "x", dt);
        LmhForward f = LmhKernel.cpu().forward(cfg, p, x, null, null, true);
        c.assertExact("spikes", c.data("expected", "spikes"), values(f.spikes()));
        c.assertClose("membrane", c.data("expected", "membrane"), values(f.membrane()));
        LmhGradients g = LmhKernel.cpu().backward(f.saved(), c.array("inputs", "gradSpikes", dt), null, null);
        c.assertClose("gradX", c.data("expected", "gradX"), values(g.gradX()));
        c.assertClose("gradAlpha1", c.scalar("expected", "gradAlpha1"), g.gradA1());
        c.assertClose("gradBeta1", c.scalar("expected", "gradBeta1"), g.gradB1());
        c.assertClose("gradAlpha2", c.scalar("expected", "gradAlpha2"), g.gradA2());
        c.assertClose("gradBeta2", c.scalar("expected", "gradBeta2"), g.gradB2());
        assertNull(g.gradVD0());
        assertNull(g.gradVS0());
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void mpePsnMatchesConformanceCase(DataType dt) {
        ConformanceCase c = ConformanceCase.load("mpe-psn");
        Map<String, Object> n = c.section("neuron");
        MpePsnConfig cfg = MpePsnConfig.standard()
                .withTau(((Number) n.get("tau")).doubleValue())
                .withSurrogate(ConformanceCase.surrogate((Map<String, Object>) n.get("surrogate")));
        MpePsnForward f = MpePsnKernel.cpu().forward(cfg, c.array("inputs", "x", dt),
                c.array("inputs", "mask", dt), c.scalar("inputs", "threshold"),
                c.array("inputs", "coef", dt), true);
        c.assertExact("spikes", c.data("expected", "spikes"), values(f.spikes()));
        c.assertClose("membrane", c.data("expected", "membrane"), values(f.membrane()));
        c.assertClose("memLoss", c.scalar("expected", "memLoss"), f.memLoss());
        MpePsnGradients g = MpePsnKernel.cpu().backward(f.saved(), c.array("inputs", "gradSpikes", dt),
                c.scalar("inputs", "gradMemLoss"));
        c.assertClose("gradX", c.data("expected", "gradX"), values(g.gradX()));
        c.assertClose("gradThreshold", c.scalar("expected", "gradThreshold"), g.gradThreshold());
        c.assertClose("gradCoef", c.data("expected", "gradCoef"), values(g.gradCoef()));
    }
}
