package io.snn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.V0Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class ModelsTest {
    static final NeuronFactory LIF = Neurons.lif(LifConfig.tet());
    static final NeuronFactory LIF_V0 = Neurons.lifWithV0(LifConfig.impLegacy(), V0Init.dvs48(), DataType.FLOAT, 0);

    @ParameterizedTest(name = "{0} in={1} K={2} size={3} v0={4}: {5}")
    @CsvSource({
        "vggsnn, 2, 10, 48, false, 9271498",
        "vggsnn, 2, 10, 48, true, 10193098",
        "vggsnn-stride2, 2, 10, 48, false, 9271498",
        "resnet19, 3, 10, 32, false, 12630858",
        "resnet19, 3, 100, 32, false, 12653988",
        "sew-resnet18, 3, 1000, 224, false, 11689512",
        "sew-resnet34, 3, 1000, 224, false, 21797672",
        "sew-resnet18, 3, 1000, 224, true, 14173224",
        "sew-resnet34, 3, 1000, 224, true, 25535784",
        "sew-resnet50, 3, 1000, 224, false, 25557032",
        "sew-resnet50, 3, 1000, 224, true, 36671016",
        "dvs-gesture-net, 2, 11, 128, false, 4520558",
    })
    void parameterCountsMatchThePapers(String name, int in, int k, int size, boolean v0, long expected) {
        assertEquals(expected, Models.parameterCount(name, in, k, size, "add", v0 ? LIF_V0 : LIF));
    }

    static ModelOptions small(int in, int k, int size) {
        return ModelOptions.builder().inChannels(in).numClasses(k).inputSize(size).neurons(LIF).seed(1).build();
    }

    static void forwardBackward(Module m, int t, int b, int c, int size, int k) {
        Tensor x = Tensor.variable(Init.uniform(DataType.FLOAT, new long[] {t, b, c, size, size}, 0, 2, new SplittableRandom(4)));
        Tensor out = m.forward(x);
        assertArrayEquals(new long[] {t, b, k}, out.shape());
        out.mean().backward();
        assertNotNull(x.grad(), "input gradient");
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            assertNotNull(e.getValue().grad(), "no gradient reached " + e.getKey());
        }
    }

    @Test
    void vggsnnRunsTimeFirstAndEveryParameterGetsAGradient() {
        forwardBackward(new VggSnn(small(2, 4, 16)), 2, 2, 2, 16, 4);
    }

    @Test
    void resnet19RunsTimeFirstAndEveryParameterGetsAGradient() {
        forwardBackward(new ResNet19(small(3, 5, 8)), 2, 2, 3, 8, 5);
    }

    @ParameterizedTest
    @CsvSource({"ADD", "AND", "IAND"})
    void sewResNetRunsWithEachConnectFunction(ConnectFunction g) {
        forwardBackward(SewResNet.resnet18(small(3, 6, 32), g), 2, 1, 3, 32, 6);
    }

    @Test
    void connectFunctionsFollowTheSewPaper() {
        Tensor a = Tensor.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(0f, 0f, 1f, 1f));
        Tensor s = Tensor.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(0f, 1f, 0f, 1f));
        assertArrayEquals(new float[] {0, 1, 1, 2}, ConnectFunction.ADD.apply(a, s).value().toFloatVector());
        assertArrayEquals(new float[] {0, 0, 0, 1}, ConnectFunction.AND.apply(a, s).value().toFloatVector());
        assertArrayEquals(new float[] {0, 1, 0, 0}, ConnectFunction.IAND.apply(a, s).value().toFloatVector());
        assertThrows(IllegalArgumentException.class, () -> ConnectFunction.parse("xor"));
    }

    @Test
    void zeroInitSetsTheLastBatchNormOfEachBlock() {
        SewResNet m = new SewResNet(small(3, 10, 32), new int[] {1, 1, 1, 1}, ConnectFunction.AND, true, true);
        Map<String, Parameter> p = m.namedParameters();
        assertEquals(0.0, p.get("layer1.0.bn2.gamma").value().sumNumber().doubleValue());
        // AND: β is the smallest of 1, 2, 4, … at which the TET LIF (θ = 1, strict) fires: 2
        assertEquals(128.0, p.get("layer1.0.bn2.beta").value().sumNumber().doubleValue());
        assertEquals(64.0, p.get("layer1.0.bn1.gamma").value().sumNumber().doubleValue());
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Map<String, Parameter> a = new ResNet19(small(3, 10, 8)).namedParameters();
        Map<String, Parameter> b = new ResNet19(small(3, 10, 8)).namedParameters();
        a.forEach((k, v) -> assertEquals(v.value(), b.get(k).value(), k));
    }

    @Test
    void wrongInputChannelsNameTheModelAndBothShapes() {
        VggSnn m = new VggSnn(small(2, 10, 16));
        Tensor x = Tensor.constant(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 16, 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(x));
        assertTrue(e.getMessage().contains("VGGSNN") && e.getMessage().contains("[1, 1, 3, 16, 16]")
                && e.getMessage().contains("[64, 2, 3, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VggSnn(small(2, 10, 12)));
        assertThrows(IllegalArgumentException.class, () -> Models.create("alexnet", small(2, 10, 16), "add"));
    }
}
