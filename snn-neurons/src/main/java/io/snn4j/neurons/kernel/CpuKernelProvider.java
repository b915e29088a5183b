package io.snn4j.neurons.kernel;

import java.util.Optional;

import io.snn4j.neurons.ChargeFireReset;
import io.snn4j.neurons.Lif;
import io.snn4j.neurons.NeuronAccelerator;

/**
 * The CPU kernels shipped with snn-neurons: the LIF family (FLOAT, on all cores; the accelerator
 * of {@link Lif}),
 * LM-H and MPE-PSN. Registered in {@code META-INF/services/io.snn4j.neurons.kernel.KernelProvider}.
 */
public final class CpuKernelProvider implements KernelProvider {

    /** Public for {@link java.util.ServiceLoader}. */
    public CpuKernelProvider() {
    }

    @Override
    public Backend backend() {
        return Backend.CPU;
    }

    @Override
    public <K> Optional<K> kernel(Class<K> family) {
        Object k = null;
        if (family == LifKernel.class) {
            k = LifKernel.cpuParallel();
        } else if (family == LmhKernel.class) {
            k = LmhKernel.cpu();
        } else if (family == MpePsnKernel.class) {
            k = MpePsnKernel.cpu();
        }
        return Optional.ofNullable(k).map(family::cast);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <D extends ChargeFireReset> Optional<NeuronAccelerator<D>> accelerator(Class<D> definition) {
        if (definition == Lif.class) {
            return Optional.of((NeuronAccelerator<D>) new LifAccelerator(LifKernel.cpuParallel()));
        }
        return Optional.empty();
    }
}
