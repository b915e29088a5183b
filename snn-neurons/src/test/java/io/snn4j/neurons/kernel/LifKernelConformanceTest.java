package io.snn4j.neurons.kernel;

import io.snn4j.neurons.ConformanceCase;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.ResetMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.stream.Stream;

import static io.snn4j.neurons.ConformanceCase.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LifKernelConformanceTest {

    static Stream<Arguments> cases() {
        return Stream.of("lif-tet-hard-triangle", "lif-imp-legacy", "lif-hard-rectangle",
                        "lif-soft-detached-atan", "lif-decay-input-soft-sigmoid", "if-soft-imp-atan")
                .flatMap(id -> Stream.of(Arguments.of(id, DataType.FLOAT), Arguments.of(id, DataType.DOUBLE),
                        Arguments.of(id, "parallel")));
    }

    static LifConfig config(ConformanceCase c) {
        Map<String, Object> n = c.section("neuron");
        return LifConfig.builder()
                .decay(((Number) n.get("decay")).doubleValue())
                .gain(((Number) n.get("gain")).doubleValue())
                .threshold(((Number) n.get("threshold")).doubleValue())
                .resetMode("hard".equals(n.get("reset")) ? ResetMode.HARD : ResetMode.SOFT)
                .detachReset((Boolean) n.get("detachReset"))
                .surrogate(ConformanceCase.surrogate(castMap(n.get("surrogate"))))
                .build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesConformanceCase(String id, Object mode) {
        ConformanceCase c = ConformanceCase.load(id);
        DataType dt = mode instanceof DataType d ? d : DataType.FLOAT;
        LifKernel kernel = "parallel".equals(mode) ? LifKernel.cpuParallel() : LifKernel.cpu();
        LifConfig cfg = config(c);
        INDArray x = c.array("inputs", "x", dt);
        boolean learnableV0 = (Boolean) c.section("neuron").get("learnableV0");
        INDArray v0 = learnableV0 ? c.array("inputs", "v0", dt) : null;
        LifForward f = kernel.forward(cfg, x, v0, true);
        assertArrayEquals(x.shape(), f.spikes().shape());
        c.assertExact("spikes", c.data("expected", "spikes"), values(f.spikes()));
        c.assertClose("membrane", c.data("expected", "membrane"), values(f.membrane()));
        LifGradients g = kernel.backward(f.saved(), c.array("inputs", "gradSpikes", dt), null);
        assertArrayEquals(x.shape(), g.gradX().shape());
        c.assertClose("gradX", c.data("expected", "gradX"), values(g.gradX()));
        if (learnableV0) {
            assertArrayEquals(v0.shape(), g.gradVInit().shape());
            c.assertClose("gradV0", c.data("expected", "gradV0"), values(g.gradVInit()));
        } else {
            assertNull(g.gradVInit());
        }
    }
}
