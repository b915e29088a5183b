package io.snn4j.neurons.kernel;

import java.util.Optional;

/**
 * The CPU kernels shipped with snn-neurons: the LIF family,
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
            k = LifKernel.cpu();
        } else if (family == LmhKernel.class) {
            k = LmhKernel.cpu();
        } else if (family == MpePsnKernel.class) {
            k = MpePsnKernel.cpu();
        }
        return Optional.ofNullable(k).map(family::cast);
    }
}
