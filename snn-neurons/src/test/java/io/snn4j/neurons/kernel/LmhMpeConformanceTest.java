package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.ConformanceCase;
import io.snn4j.neurons.LmhNeuron;
import io.snn4j.neurons.MpePsnNeuron;
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

/** The LM-H and MPE-PSN layers reproduce the golden cases in FLOAT (fused kernel) and DOUBLE (unfused path). */
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
        Tensor x = Tensor.variable(c.array("inputs", "x", dt));
        LmhNeuron layer = new LmhNeuron(cfg, p, dt);
        LmhNeuron.LmhOutput f = layer.trace(x, null);
        c.assertExact("spikes", c.data("expected", "spikes"), values(f.spikes().value()));
        c.assertClose("membrane", c.data("expected", "membrane"), values(f.membrane().value()));
        f.spikes().backward(c.array("inputs", "gradSpikes", dt));
        Map<String, Parameter> g = layer.namedParameters();
        c.assertClose("gradX", c.data("expected", "gradX"), values(x.grad()));
        c.assertClose("gradAlpha1", c.scalar("expected", "gradAlpha1"), g.get("a1").grad().getDouble(0));
        c.assertClose("gradBeta1", c.scalar("expected", "gradBeta1"), g.get("b1").grad().getDouble(0));
        c.assertClose("gradAlpha2", c.scalar("expected", "gradAlpha2"), g.get("a2").grad().getDouble(0));
        c.assertClose("gradBeta2", c.scalar("expected", "gradBeta2"), g.get("b2").grad().getDouble(0));
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
        INDArray mask = c.array("inputs", "mask", dt);
        Tensor x = Tensor.variable(c.array("inputs", "x", dt));
        MpePsnNeuron layer = new MpePsnNeuron(cfg, (int) x.shape()[0], xs -> mask, dt);
        layer.threshold().value().assign(c.scalar("inputs", "threshold"));
        layer.coef().value().assign(c.array("inputs", "coef", dt));
        MpePsnNeuron.MpePsnOutput f = layer.trace(x, mask);
        c.assertExact("spikes", c.data("expected", "spikes"), values(f.spikes().value()));
        c.assertClose("membrane", c.data("expected", "membrane"), values(f.membrane().value()));
        c.assertClose("memLoss", c.scalar("expected", "memLoss"), f.memLoss().item());
        f.spikes().mul(Tensor.constant(c.array("inputs", "gradSpikes", dt))).sum()
                .add(f.memLoss().mul(c.scalar("inputs", "gradMemLoss"))).backward();
        c.assertClose("gradX", c.data("expected", "gradX"), values(x.grad()));
        c.assertClose("gradThreshold", c.scalar("expected", "gradThreshold"), layer.threshold().grad().getDouble(0));
        c.assertClose("gradCoef", c.data("expected", "gradCoef"), values(layer.coef().grad()));
    }
}
