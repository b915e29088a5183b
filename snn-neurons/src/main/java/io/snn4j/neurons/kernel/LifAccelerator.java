package io.snn4j.neurons.kernel;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.Lif;
import io.snn4j.neurons.NeuronAccelerator;
import io.snn4j.neurons.SpikeCounter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Puts a {@link LifKernel} on the autograd tape as the accelerator of {@link Lif}: one tape node per
 * sequence, the kernel's own spike count, and no final-state output (nor its gradient) unless the
 * caller needs it.
 */
public final class LifAccelerator implements NeuronAccelerator<Lif> {
    private final LifKernel kernel;

    public LifAccelerator(LifKernel kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException("LifAccelerator: kernel must not be null");
        }
        this.kernel = kernel;
    }

    @Override
    public boolean supports(Lif definition, DataType type) {
        return kernel.supports(definition.config(), type);
    }

    @Override
    public Tensor[] run(Lif definition, Tensor x, Tensor vInit, boolean needFinalState, SpikeCounter counter) {
        long[] xs = x.shape();
        int steps = Math.toIntExact(xs[0]);
        INDArray v0 = vInit == null ? null : vInit.value();
        LifForward f = needFinalState ? kernel.forward(definition.config(), x.value(), steps, v0, false)
                : kernel.forwardSpikes(definition.config(), x.value(), steps, v0);
        counter.add(f.spikeCount(), x.length());
        long[] initShape = vInit == null ? null : vInit.shape();
        if (!needFinalState) {
            Tensor s = Tensor.record("lif", f.spikes(), g -> {
                LifGradients gr = kernel.backward(f.saved(), g[0], null);
                return new INDArray[] {gr.gradX(), initShape == null ? null : gr.gradVInit().reshape(initShape)};
            }, x, vInit);
            return new Tensor[] {s, null};
        }
        long[] perStep = java.util.Arrays.copyOfRange(xs, 1, xs.length);
        return Tensor.recordMulti("lif", new INDArray[] {f.spikes(), f.vFinal().reshape(perStep)}, g -> {
            LifGradients gr = kernel.backward(f.saved(), g[0], g[1]);
            return new INDArray[] {gr.gradX(), initShape == null ? null : gr.gradVInit().reshape(initShape)};
        }, x, vInit);
    }
}
