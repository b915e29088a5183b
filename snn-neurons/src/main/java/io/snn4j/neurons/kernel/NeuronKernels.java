package io.snn4j.neurons.kernel;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import io.snn4j.neurons.ChargeFireReset;
import io.snn4j.neurons.NeuronAccelerator;

/**
 * Looks fused kernels up among the {@link KernelProvider}s on the class path, for the backend ND4J
 * runs on. The neuron layers call {@link #find} once, at construction; they never name a kernel
 * class.
 */
public final class NeuronKernels {

    private NeuronKernels() {
    }

    /** Providers, loaded once (immutable). */
    private static final class Loaded {
        static final List<KernelProvider> PROVIDERS = ServiceLoader.load(KernelProvider.class,
                NeuronKernels.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The kernel of {@code family} for the current backend, or empty (the layer's generic path). */
    public static <K> Optional<K> find(Class<K> family) {
        return find(family, Backend.current());
    }

    /** The kernel of {@code family} for {@code backend}, from the first provider that offers one. */
    public static <K> Optional<K> find(Class<K> family, Backend backend) {
        for (KernelProvider p : Loaded.PROVIDERS) {
            if (p.backend() == backend) {
                Optional<K> k = p.kernel(family);
                if (k.isPresent()) {
                    return k;
                }
            }
        }
        return Optional.empty();
    }

    /** The accelerator registered for {@code definition}'s exact class on the current backend, or empty. */
    public static <D extends ChargeFireReset> Optional<NeuronAccelerator<D>> accelerator(Class<D> definition) {
        Backend backend = Backend.current();
        for (KernelProvider p : Loaded.PROVIDERS) {
            if (p.backend() == backend) {
                Optional<NeuronAccelerator<D>> a = p.accelerator(definition);
                if (a.isPresent()) {
                    return a;
                }
            }
        }
        return Optional.empty();
    }
}
