package io.snn4j.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.kernel.Backend;
import io.snn4j.neurons.kernel.LifKernel;
import io.snn4j.neurons.kernel.LmhKernel;
import io.snn4j.neurons.kernel.MpePsnKernel;
import io.snn4j.neurons.kernel.NeuronKernels;
import io.snn4j.neurons.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Kernels come from the registry for the running backend; layers fall back to the generic path. */
class KernelRegistryTest {

    @Test
    void theCpuProviderOffersEveryShippedKernelFamily() {
        assertEquals(Backend.CPU, Backend.current());
        assertTrue(NeuronKernels.find(LifKernel.class).isPresent());
        assertTrue(NeuronKernels.find(LmhKernel.class).isPresent());
        assertTrue(NeuronKernels.find(MpePsnKernel.class).isPresent());
        assertTrue(NeuronKernels.find(LifKernel.class, Backend.CUDA).isEmpty(), "no CUDA provider on the class path");
        assertTrue(NeuronKernels.find(String.class).isEmpty());
        assertTrue(NeuronKernels.accelerator(Lif.class).isPresent());
        assertTrue(NeuronKernels.accelerator(Plif.class).isEmpty());
    }

    @Test
    void layersUseTheAcceleratorOnlyForTheExactClassAndSupportedTypes() {
        LifConfig c = LifConfig.tet();
        assertTrue(new LifNeuron(c).accelerated(DataType.FLOAT));
        assertFalse(new LifNeuron(c).accelerated(DataType.DOUBLE), "DOUBLE runs the generic path");
        NeuronLayer<Lif> changed = new NeuronLayer<>(new Lif(c) {
            @Override
            public Tensor charge(Tensor v, Tensor x) {
                return v.mul(0.9).add(x);      // a different neuron: must not run the LIF kernel
            }
        });
        assertFalse(changed.accelerated(DataType.FLOAT));
        assertFalse(new NeuronLayer<>(new Plif(Plif.Config.standard(), DataType.FLOAT)).accelerated(DataType.FLOAT));
    }

    @Test
    void newConfigsRejectBadValuesNamingThem() {
        Surrogate s = Surrogate.triangle();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new MultiStrength.Config(0.0, 1.0, true)), "tau");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new MultiStrength.Config(1.0, 1.5, true)), "decay");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new Leaky.Config(-0.1, false, 1.0, true, s)), "beta");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new Leaky.Config(0.5, false, 1.0, true, null)), "surrogate");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new Plif.Config(2.0, true, -1.0, ResetMode.HARD, false, s)), "threshold");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new Plif.Config(2.0, true, 1.0, null, false, s)), "resetMode");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new NeuronLayer<>(null)), "definition");
    }

    private static void assertMessage(IllegalArgumentException e, String name) {
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
