package io.snn4j.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The kernels count spikes while they write them: every layer's counter equals a recount of its output. */
class SpikeCountingTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void countersEqualARecountOfTheOutput(DataType dt) {
        INDArray x = Init.uniform(dt, new long[] {6, 3, 1100}, -0.5, 1.8, new SplittableRandom(4));
        SpikingLayer[] layers = {new LifNeuron(LifConfig.tet()), new LmhNeuron(LmhConfig.standard(), dt),
            new MpePsnNeuron(MpePsnConfig.standard(), 6, MpePsnNeuron.MaskSource.random(new SplittableRandom(2)), dt),
            new NeuronLayer<>(new Plif(Plif.Config.standard(), dt))};
        double[] scale = {1, LmhConfig.standard().threshold(), 1, 1};
        for (int i = 0; i < layers.length; i++) {
            SpikingLayer layer = layers[i];
            double expected = 0;
            for (int rep = 0; rep < 2; rep++) {
                expected += layer.forward(Tensor.constant(x)).value().sumNumber().doubleValue() / scale[i];
            }
            assertTrue(expected > 0, layer + " fired");
            assertEquals(expected, layer.counter().spikes(), 1e-9 * expected, layer.toString());
            assertEquals(2 * x.length(), layer.counter().neuronSteps(), layer.toString());
        }
    }
}
