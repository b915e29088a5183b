package io.snn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpikingOutputTest {

    /** One output neuron fed x[t] directly (identity weight, no bias). */
    static SpikingOutput identityNeuron(SpikingOutput.Readout readout) {
        SpikingOutput out = new SpikingOutput(1, 1, new SpikingOutput.Spec(LifConfig.tet(), readout), DataType.DOUBLE,
                new SplittableRandom(0));
        out.namedParameters().get("fc.weight").value().assign(1.0);
        out.namedParameters().get("fc.bias").value().assign(0.0);
        return out;
    }

    @Test
    void membraneAndSpikesFollowTheLifWorkedExample() {
        // docs/spec.md §2 (TET LIF): x = [0.6, 0.8, 0.3, 1.5] → h = [0.6, 1.1, 0.3, 1.65], s = [0, 1, 0, 1]
        SpikingOutput out = identityNeuron(SpikingOutput.Readout.MEMBRANE);
        Tensor x = Tensor.variable(Nd4j.createFromArray(0.6, 0.8, 0.3, 1.5).reshape(4, 1, 1));
        Tensor u = out.forward(x);
        assertArrayEquals(new double[] {0.6, 1.1, 0.3, 1.65}, u.value().reshape(4).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0, 1}, out.lastSpikes().value().reshape(4).toDoubleVector(), 0.0);
        assertSame(u, out.lastMembrane());
        // L = Σ_t U[t]: U[t+1] = 0.5·v[t] + x[t+1], v = h·(1 − s) with the reset not detached, triangle γ = 1:
        // dv/dh = (1 − s) − h·g'(h − 1) = 0.64, −0.99, 0.91 at t = 0, 1, 2, so
        // dL/dh = [1 + 0.5·0.64·dL/dh1, 1 + 0.5·(−0.99)·dL/dh2, 1 + 0.5·0.91·1, 1]
        u.sum().backward();
        double h2 = 1 + 0.5 * 0.91;
        double h1 = 1 + 0.5 * -0.99 * h2;
        double h0 = 1 + 0.5 * 0.64 * h1;
        assertArrayEquals(new double[] {h0, h1, h2, 1}, x.grad().reshape(4).toDoubleVector(), 1e-12);
    }

    @Test
    void underCarryStateTwoSlicesEqualOneSequence() {
        SpikingOutput out = identityNeuron(SpikingOutput.Readout.MEMBRANE);
        INDArray x = Nd4j.createFromArray(0.6, 0.8, 0.3, 1.5).reshape(4, 1, 1);
        out.carryState(true);
        Tensor a = out.forward(Tensor.constant(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup()));
        Tensor b = out.forward(Tensor.constant(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)).dup()));
        assertArrayEquals(new double[] {0.6, 1.1, 0.3, 1.65},
                Nd4j.concat(0, a.value(), b.value()).reshape(4).toDoubleVector(), 1e-12);
        out.resetState();
        assertEquals(0.3, out.forward(Tensor.constant(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)).dup()))
                .value().getDouble(0), 1e-12, "after resetState the neuron starts from 0");
        out.carryState(false);
    }

    @Test
    void spikeReadoutEqualsTheFusedLifLayerOnTheSameCurrents() {
        SpikingOutput out = new SpikingOutput(6, 4, new SpikingOutput.Spec(LifConfig.tet(), SpikingOutput.Readout.SPIKES),
                DataType.FLOAT, new SplittableRandom(2));
        Tensor x = Tensor.constant(Init.uniform(DataType.FLOAT, new long[] {5, 3, 6}, -1, 3, new SplittableRandom(3)));
        Tensor s = out.forward(x);
        Module fc = out.children().get("fc");
        INDArray fused = new LifNeuron(LifConfig.tet()).forward(fc.forward(x)).value();
        assertEquals(fused, s.value());
        assertTrue(s.value().sumNumber().doubleValue() > 0, "some spikes");
    }

    @Test
    void modelsEndInSpikesOrMembraneWithTheOptionAndGradientsReachEveryParameter() {
        for (SpikingOutput.Readout r : SpikingOutput.Readout.values()) {
            ModelOptions o = ModelVariantsTest.opts(1, 3, 8).spikingOutput(new SpikingOutput.Spec(LifConfig.tet(), r)).build();
            ConvSnn m = new ConvSnn("4C3-AP2-FC", o);
            assertNotNull(m.namedParameters().get("classifier.fc.weight"));
            ModelsTest.forwardBackward(m, 3, 2, 1, 8, 3);
            Tensor y = m.forward(Tensor.constant(Nd4j.ones(DataType.FLOAT, 3, 2, 1, 8, 8).muli(3)));
            if (r == SpikingOutput.Readout.SPIKES) {
                for (double v : y.value().castTo(DataType.DOUBLE).data().asDouble()) {
                    assertTrue(v == 0.0 || v == 1.0, "spikes are 0/1: " + v);
                }
            }
        }
        for (String name : new String[] {"vggsnn", "resnet19", "sew-resnet18"}) {
            ModelOptions o = ModelVariantsTest.opts(3, 4, 16)
                    .spikingOutput(new SpikingOutput.Spec(LifConfig.tet(), SpikingOutput.Readout.SPIKES)).build();
            Module m = Models.create(name, o, "add");
            long heads = m.namedModules().values().stream().filter(x -> x instanceof SpikingOutput).count();
            assertEquals(1, heads, name);
            Module plain = Models.create(name, ModelVariantsTest.opts(3, 4, 16).build(), "add");
            assertEquals(plain.parameterCount(), m.parameterCount(), name + ": the option adds no parameters");
        }
        for (Parameter p : new ConvSnn("4C3-FC", ModelVariantsTest.opts(1, 2, 4).build()).parameters()) {
            assertNotNull(p);
        }
        assertThrows(IllegalArgumentException.class, () -> new SpikingOutput.Spec(null, SpikingOutput.Readout.SPIKES));
        assertThrows(IllegalArgumentException.class, () -> new QcfsAnn(VggSnn::new, ModelVariantsTest.opts(2, 2, 16)
                .spikingOutput(new SpikingOutput.Spec(LifConfig.tet(), SpikingOutput.Readout.SPIKES)).build(), QcfsConfig.standard()));
    }
}
