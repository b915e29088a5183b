package io.snn4j.core.nn;

import io.snn4j.core.autograd.AllocationMeter;
import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Estimates the native memory a training or inference configuration needs before it runs, so that a
 * configuration that cannot fit is refused with a message instead of growing until the kernel kills
 * the process (e.g. {@code T = 20000}, batch 8).
 *
 * <p>The estimate is measured, not modelled per layer: one forward of a single sample over a single
 * time step ({@code [1, 1, ...sampleShape]}) in eval mode without recording, counting the bytes of
 * every array the operations produce ({@link AllocationMeter}). Activations grow linearly in T and in
 * the batch, so that count scales to the configuration. Training keeps every forward output for
 * backward, the fused neuron kernels keep their own state of the same size, and backward produces
 * a gradient per activation before the garbage collector frees the dead ones: {@link #TRAINING_FACTOR} times
 * the forward's bytes (an estimate, calibrated by measurement; it refuses what cannot fit, it does not promise
 * that what passes fits). Parameters count four times when training
 * (value, gradient, two Adam moments) and once for inference.
 *
 * <p>The budget is JavaCPP's {@code org.bytedeco.javacpp.maxphysicalbytes}
 * ({@link Pointer#maxPhysicalBytes()}, by default four times the maximum heap), the bound at which
 * ND4J allocations fail, less what the process already uses.
 */
public final class MemoryEstimator {
    /**
     * Bytes kept per forward byte when training (forward outputs, kernel state, gradients, garbage not yet
     * collected). Calibrated on the small ConvSnn, T = 32, batch 64: the process's peak RSS grew by 3.6 GiB over
     * an epoch with its evaluation, against 3.8 GiB estimated with this factor (2.9 GiB with 3).
     */
    public static final double TRAINING_FACTOR = 4.0;
    /** Copies of the parameters when training: value, gradient and two optimizer moments. */
    public static final int TRAINING_PARAMETER_COPIES = 4;

    private MemoryEstimator() {
    }

    /**
     * Bytes the operations of one forward produce for one sample at one time step.
     *
     * @param probe       a model of the configuration's architecture that accepts a sequence of one step
     *                    (layers built for a fixed T, such as MPE-PSN's, must be built with T = 1 for the
     *                    probe); it is put back in its training mode and its carried state reset afterwards
     * @param type        the input's data type
     * @param sampleShape the shape of one sample at one step, e.g. {@code {1, 28, 28}}
     */
    public static long activationBytesPerSampleStep(Module probe, DataType type, long... sampleShape) {
        long[] shape = new long[sampleShape.length + 2];
        shape[0] = 1;
        shape[1] = 1;
        for (int i = 0; i < sampleShape.length; i++) {
            if (sampleShape[i] <= 0) {
                throw new IllegalArgumentException("sampleShape must be positive, got " + java.util.Arrays.toString(sampleShape));
            }
            shape[i + 2] = sampleShape[i];
        }
        boolean training = probe.isTraining();
        probe.eval();
        try (AllocationMeter meter = AllocationMeter.start(); GradMode.Scope ignored = GradMode.noGrad()) {
            probe.forward(Tensor.constant(Nd4j.zeros(type, shape)));
            return meter.bytes();
        } finally {
            probe.train(training);
            probe.resetState();
        }
    }

    /** The estimate for training {@code model} on batches of {@code batch} samples over {@code timeSteps} steps. */
    public static MemoryEstimate training(Module probe, DataType type, int timeSteps, int batch, long... sampleShape) {
        return estimate(probe, type, timeSteps, batch, sampleShape, TRAINING_FACTOR, TRAINING_PARAMETER_COPIES);
    }

    /** The estimate for evaluating {@code model} (no recording) on such batches. */
    public static MemoryEstimate inference(Module probe, DataType type, int timeSteps, int batch, long... sampleShape) {
        return estimate(probe, type, timeSteps, batch, sampleShape, 1.0, 1);
    }

    private static MemoryEstimate estimate(Module probe, DataType type, int timeSteps, int batch, long[] sampleShape,
                                           double factor, int parameterCopies) {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("timeSteps must be > 0, got " + timeSteps);
        }
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be > 0, got " + batch);
        }
        long perStep = activationBytesPerSampleStep(probe, type, sampleShape);
        double sampleBytes = type.width();
        for (long d : sampleShape) {
            sampleBytes *= d;
        }
        double steps = (double) timeSteps * batch;
        long parameterBytes = 0;
        for (Parameter p : probe.parameters()) {
            parameterBytes += p.length() * p.dataType().width();
        }
        return new MemoryEstimate(saturate(factor * perStep * steps), saturate(sampleBytes * steps),
                saturate((double) parameterBytes * parameterCopies));
    }

    private static long saturate(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
    }

    /**
     * Bytes this process may still allocate: {@code maxphysicalbytes} (or, when that is unlimited, the
     * machine's physical memory) less the process's current resident size.
     */
    public static long availableBytes() {
        return Math.max(0, budgetBytes() - Pointer.physicalBytes());
    }

    /** {@code maxphysicalbytes}, or the machine's physical memory when that limit is off (0). */
    public static long budgetBytes() {
        long max = Pointer.maxPhysicalBytes();
        return max > 0 ? max : Pointer.totalPhysicalBytes();
    }
}
