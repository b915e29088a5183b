package io.snn4j.neurons;

import static io.snn4j.neurons.ConformanceCase.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.kernel.LifForward;
import io.snn4j.neurons.kernel.LifKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The neuron golden cases (docs/spec.md §2–3) through every path a layer can take: the LIF cases
 * on the fused kernel (FLOAT, serial and parallel) and on the generic path of the {@link Lif}
 * definition (FLOAT and DOUBLE); the PLIF and Leaky cases on their definitions' generic path.
 */
class NeuronConformanceTest {

    static Stream<Arguments> lifCases() {
        return Stream.of("lif-tet-hard-triangle", "lif-imp-legacy", "lif-hard-rectangle",
                        "lif-soft-detached-atan", "lif-decay-input-soft-sigmoid", "if-soft-imp-atan")
                .flatMap(id -> Stream.of(Arguments.of(id, "kernel"), Arguments.of(id, "kernel-parallel"),
                        Arguments.of(id, "generic-float"), Arguments.of(id, "generic-double")));
    }

    static LifConfig lifConfig(Map<String, Object> n) {
        return LifConfig.builder()
                .decay(((Number) n.get("decay")).doubleValue())
                .gain(((Number) n.get("gain")).doubleValue())
                .threshold(((Number) n.get("threshold")).doubleValue())
                .resetMode(reset(n))
                .detachReset((Boolean) n.get("detachReset"))
                .surrogate(ConformanceCase.surrogate(castMap(n.get("surrogate"))))
                .build();
    }

    private static ResetMode reset(Map<String, Object> n) {
        return "hard".equals(n.get("reset")) ? ResetMode.HARD : ResetMode.SOFT;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lifCases")
    void lifMatchesConformanceCase(String id, String mode) {
        ConformanceCase c = ConformanceCase.load(id);
        DataType dt = mode.equals("generic-double") ? DataType.DOUBLE : DataType.FLOAT;
        LifConfig cfg = lifConfig(c.section("neuron"));
        INDArray x = c.array("inputs", "x", dt);
        boolean learnableV0 = (Boolean) c.section("neuron").get("learnableV0");
        INDArray v0 = learnableV0 ? c.array("inputs", "v0", dt) : null;
        LifNeuron layer = learnableV0
                ? LifNeuron.withLearnableV0(cfg, v0.shape(), V0Init.standard(), dt, new java.util.SplittableRandom(0))
                : new LifNeuron(cfg);
        if (learnableV0) {
            layer.v0().value().assign(v0);
        }
        if (mode.startsWith("kernel")) {
            layer = layer.withKernel(mode.equals("kernel") ? LifKernel.cpu() : LifKernel.cpuParallel());
            assertTrue(layer.accelerated(dt));
            LifForward f = LifKernel.cpu().forward(cfg, x, v0, true);
            c.assertClose("membrane", c.data("expected", "membrane"), values(f.membrane()));
        } else {
            Tensor xt = Tensor.constant(x);
            c.assertClose("membrane", c.data("expected", "membrane"),
                    values(layer.trace(xt, null).membrane().value()));
        }
        Tensor xt = Tensor.variable(x);
        Tensor s = mode.startsWith("kernel") ? layer.forward(xt) : layer.runGeneric(xt, null).spikes();
        assertArrayEquals(x.shape(), s.shape());
        c.assertExact("spikes", c.data("expected", "spikes"), values(s.value()));
        s.backward(c.array("inputs", "gradSpikes", dt));
        c.assertClose("gradX", c.data("expected", "gradX"), values(xt.grad()));
        if (learnableV0) {
            c.assertClose("gradV0", c.data("expected", "gradV0"), values(layer.v0().grad()));
        }
    }

    static Stream<Arguments> definitionCases() {
        return Stream.of("plif-sj-default", "leaky-snntorch-atan", "leaky-attached-triangle")
                .flatMap(id -> Stream.of(Arguments.of(id, DataType.FLOAT), Arguments.of(id, DataType.DOUBLE)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("definitionCases")
    void plifAndLeakyMatchConformanceCase(String id, DataType dt) {
        ConformanceCase c = ConformanceCase.load(id);
        Map<String, Object> n = c.section("neuron");
        double theta = ((Number) n.get("threshold")).doubleValue();
        boolean detach = (Boolean) n.get("detachReset");
        var surrogate = ConformanceCase.surrogate(castMap(n.get("surrogate")));
        NeuronLayer<?> layer;
        Tensor param;
        String gradName;
        if (n.get("type").equals("plif")) {
            Plif p = new Plif(new Plif.Config(2.0, (Boolean) n.get("decayInput"), theta, reset(n), detach, surrogate), dt);
            p.w().value().assign(c.scalar("inputs", "w"));
            layer = new NeuronLayer<>(p);
            param = p.w();
            gradName = "gradW";
        } else {
            Leaky l = new Leaky(new Leaky.Config(c.scalar("inputs", "beta"), true, theta, detach, surrogate), dt);
            layer = new NeuronLayer<>(l);
            param = l.beta();
            gradName = "gradBeta";
        }
        assertFalse(layer.accelerated(dt), "no kernel is registered for " + n.get("type"));
        INDArray x = c.array("inputs", "x", dt);
        c.assertClose("membrane", c.data("expected", "membrane"),
                values(layer.trace(Tensor.constant(x), null).membrane().value()));
        Tensor xt = Tensor.variable(x);
        Tensor s = layer.forward(xt);
        c.assertExact("spikes", c.data("expected", "spikes"), values(s.value()));
        s.backward(c.array("inputs", "gradSpikes", dt));
        c.assertClose("gradX", c.data("expected", "gradX"), values(xt.grad()));
        c.assertClose(gradName, c.scalar("expected", gradName), param.grad().getDouble(0));
        assertEquals(1, param.grad().length());
    }
}
