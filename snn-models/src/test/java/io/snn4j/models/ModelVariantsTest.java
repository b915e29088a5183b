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
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.V0Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The stride-2 VGGSNN, SEW-ResNet-50, the DVS-Gesture net, the TEBN option and SEW zero-init. */
class ModelVariantsTest {

    static ModelOptions.Builder opts(int in, int k, int size) {
        return ModelOptions.builder().inChannels(in).numClasses(k).inputSize(size).neurons(ModelsTest.LIF).seed(1);
    }

    @Test
    void stride2VggsnnHasThePoolVariantsParameterCountAndNoPools() {
        ModelOptions o = opts(2, 4, 32).build();
        VggSnn pooled = new VggSnn(o);
        VggSnn strided = new VggSnn(o, VggSnn.Downsampling.STRIDED_CONV);
        assertEquals(pooled.parameterCount(), strided.parameterCount());
        assertTrue(strided.summary().contains("stride 2") || !strided.summary().contains("AvgPool"), strided.summary());
        assertEquals(16, strided.namedModules().keySet().stream().filter(k -> k.matches("features\\.\\d+")).count());
        ModelsTest.forwardBackward(strided, 2, 2, 2, 32, 4);
    }

    @Test
    void sewResNet50RunsWithBottlenecksAndEveryParameterGetsAGradient() {
        SewResNet m = SewResNet.resnet50(opts(3, 5, 32).build(), ConnectFunction.ADD);
        assertTrue(m.namedParameters().containsKey("layer4.2.conv3.weight"));
        assertArrayEquals(new long[] {5, 2048}, m.namedParameters().get("fc.weight").shape());
        ModelsTest.forwardBackward(m, 1, 2, 3, 32, 5);
    }

    @Test
    void dvsGestureNetVotesOverGroupsOfTenAndEveryParameterGetsAGradient() {
        DvsGestureNet m = new DvsGestureNet(opts(2, 3, 32).build(), 8);
        assertArrayEquals(new long[] {30, 512}, m.namedParameters().get("fc2.weight").shape());
        ModelsTest.forwardBackward(m, 2, 2, 2, 32, 3);
        m.eval();
        Tensor out = m.forward(Tensor.constant(Nd4j.ones(DataType.FLOAT, 2, 1, 2, 32, 32)));
        double[] rates = out.value().castTo(DataType.DOUBLE).data().asDouble();
        for (double r : rates) {
            assertEquals(Math.round(r * 10) / 10.0, r, 1e-6, "a vote of 10 spiking neurons is a multiple of 0.1");
        }
    }

    @Test
    void tebnOptionAddsOneLearnableScalePerStepAfterEveryConvolution() {
        ModelOptions bn = opts(1, 3, 8).build();
        ModelOptions tebn = opts(1, 3, 8).tebn(2).build();
        ConvSnn plain = new ConvSnn("4C3-AP2-6C3-FC", bn);
        ConvSnn withTebn = new ConvSnn("4C3-AP2-6C3-FC", tebn);
        assertEquals(plain.parameterCount() + 2 * 2, withTebn.parameterCount());
        Parameter p = withTebn.namedParameters().get("features.0.module.1.tebn.p");
        assertNotNull(p, withTebn.namedParameters().keySet().toString());
        assertArrayEquals(new long[] {2, 1, 1, 1, 1}, p.shape());
        ModelsTest.forwardBackward(withTebn, 2, 2, 1, 8, 3);
        Tensor wrongT = Tensor.constant(Nd4j.ones(DataType.FLOAT, 3, 2, 1, 8, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withTebn.forward(wrongT));
        assertTrue(e.getMessage().contains("T = 2"), e.getMessage());
    }

    @Test
    void tebnOptionReachesTheResidualModels() {
        ModelOptions tebn = opts(3, 4, 16).tebn(2).build();
        assertTrue(new ResNet19(tebn).namedParameters().containsKey("layer1.0.bn2.tebn.p"));
        SewResNet sew = SewResNet.resnet18(tebn, ConnectFunction.ADD);
        assertTrue(sew.namedParameters().containsKey("layer2.0.downsample.bn.tebn.p"));
        ModelsTest.forwardBackward(sew, 2, 1, 3, 16, 4);
    }

    static Tensor binarySpikes(long... shape) {
        INDArray u = Init.uniform(DataType.FLOAT, shape, 0, 1, new SplittableRandom(9));
        return Tensor.constant(u.gt(0.5).castTo(DataType.FLOAT));
    }

    static NeuronFactory[] neuronsUnderTest() {
        return new NeuronFactory[] {
            ModelsTest.LIF,                                                   // θ = 1, gain 1
            Neurons.lif(LifConfig.spikingJelly(2.0)),                          // gain 1/2
            Neurons.lifWithV0(LifConfig.impLegacy(), V0Init.dvs48(), DataType.FLOAT, 3),
            Neurons.lmh(LmhConfig.standard(), DataType.FLOAT),
        };
    }

    @ParameterizedTest
    @EnumSource(ConnectFunction.class)
    void zeroInitBasicBlockPassesItsInputThroughAtTheFirstStep(ConnectFunction g) {
        for (NeuronFactory n : neuronsUnderTest()) {
            ModelOptions o = opts(8, 1, 4).neurons(n).build();
            SewBlock block = new SewBlock(8, 8, 1, 4, g, o, 1e-5, o.newRandom());
            block.zeroInitResidual();
            Tensor x = binarySpikes(2, 3, 8, 4, 4);
            Tensor y = block.forward(x);
            assertEquals(x.value().slice(0), y.value().slice(0), g + " block with " + n.create(8, 4, 4) + " at t = 0");
        }
    }

    @Test
    void zeroInitBottleneckAndBlockPassesItsInputThrough() {
        for (NeuronFactory n : neuronsUnderTest()) {
            ModelOptions o = opts(16, 1, 4).neurons(n).build();
            SewBottleneck block = new SewBottleneck(16, 4, 1, 4, ConnectFunction.AND, o, o.newRandom());
            double beta = block.zeroInitResidual();
            assertTrue(beta >= 1, "beta " + beta);
            Tensor x = binarySpikes(2, 2, 16, 4, 4);
            assertEquals(x.value().slice(0), block.forward(x).value().slice(0), "bottleneck AND with " + n.create(16, 4, 4));
        }
    }

    @Test
    void theSewCodesBiasOfOneSilencesAndBlocksAtTheStrictThreshold() {
        // the reason for the fix: β = 1 gives h = 1, which does not fire at 1[h − θ > 0] with θ = 1
        ModelOptions o = opts(8, 1, 4).build();
        SewBlock block = new SewBlock(8, 8, 1, 4, ConnectFunction.AND, o, 1e-5, o.newRandom());
        block.zeroInitResidual(1.0);
        Tensor x = binarySpikes(1, 2, 8, 4, 4);
        assertEquals(0.0, block.forward(x).value().sumNumber().doubleValue());
        assertEquals(2.0, block.zeroInitResidual());
    }

    @Test
    void modelsByNameIncludeTheNewOnes() {
        for (String name : new String[] {"vggsnn-stride2", "sew-resnet50", "dvs-gesture-net"}) {
            Module m = Models.create(name, opts(2, 11, 64).build(), "and");
            assertTrue(m.parameterCount() > 0, name);
        }
        Map<String, Parameter> p = Models.create("sew-resnet50", opts(3, 10, 32).build(), "iand").namedParameters();
        assertTrue(p.containsKey("layer1.0.downsample.conv.weight"));
    }
}
