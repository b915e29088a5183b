package io.snn4j.bench.step;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.losses.LossSpec;
import io.snn4j.losses.SpikingLoss;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.Models;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model's training step on random input of the paper's shape (VGGSNN 2×48×48 (TET's DVS-CIFAR10
 * resized), ResNet-19 3×32×32, SEW-ResNet-18 3×64×64; 10 classes), as the PyTorch peer
 * ({@code shared/peer/torch_peer.py step}) does it: forward, TET loss with λ = 0.001 MSE (φ = 1), backward,
 * Adam (lr 1e-3). FLOAT, TET LIF neurons, seed 0. After backward the step releases its graph's activations
 * ({@link Tensor#releaseGraph()}), as a training loop that keeps nothing from the graph should.
 */
public final class StepWorkload {
    /** Wall-clock nanoseconds of the last step's phases. */
    public long forwardNanos;
    public long lossNanos;
    public long backwardNanos;
    public long optimizerNanos;

    private final Module model;
    private final Optimizer optimizer;
    private final SpikingLoss loss;
    private final Tensor input;
    private final int[] labels;
    private final boolean infer;

    public StepWorkload(String modelName, int timeSteps, int batch, boolean infer) {
        int channels;
        int size;
        switch (modelName) {
            case "vggsnn" -> {
                channels = 2;
                size = 48;
            }
            case "resnet19" -> {
                channels = 3;
                size = 32;
            }
            case "sew-resnet18" -> {
                channels = 3;
                size = 64;
            }
            default -> throw new IllegalArgumentException("bench step: unknown model '" + modelName + "'; known: "
                    + StepBenchOptions.MODELS);
        }
        ModelOptions mo = ModelOptions.builder().inChannels(channels).numClasses(10).inputSize(size)
                .neurons(Neurons.lif(LifConfig.tet())).dataType(DataType.FLOAT).seed(0).build();
        this.model = Models.create(modelName, mo, "add");
        this.infer = infer;
        this.model.train(!infer);
        this.optimizer = new Adam(model.parameters(), Adam.Options.of(1e-3));
        this.loss = LossSpec.of("tet", null, 0.001, null).build();
        Nd4j.getRandom().setSeed(0);
        INDArray x = Nd4j.rand(DataType.FLOAT, timeSteps, batch, channels, size, size);
        this.input = Tensor.constant(x);
        this.labels = new int[batch];
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < batch; i++) {
            labels[i] = r.nextInt(10);
        }
    }

    public Module model() {
        return model;
    }

    /** Runs one training step (or one inference forward) and returns the loss (NaN for inference). */
    public double step() {
        if (infer) {
            long t0 = System.nanoTime();
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                model.forward(input);
                forwardNanos = System.nanoTime() - t0;
                lossNanos = backwardNanos = optimizerNanos = 0;
                return Double.NaN;
            }
        }
        long t0 = System.nanoTime();
        optimizer.zeroGrad();
        long t1 = System.nanoTime();
        Tensor out = model.forward(input);
        long t2 = System.nanoTime();
        Tensor l = loss.loss(out, labels);
        long t3 = System.nanoTime();
        l.backward();
        double value = l.item();
        l.releaseGraph();
        long t4 = System.nanoTime();
        optimizer.step();
        long t5 = System.nanoTime();
        forwardNanos = t2 - t1;
        lossNanos = t3 - t2;
        backwardNanos = t4 - t3;
        optimizerNanos = (t1 - t0) + (t5 - t4);
        return value;
    }
}
