package io.snn4j.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts the synaptic operations of a model's {@link Conv2d} and {@link Linear} layers for the
 * energy estimate of TET (Deng et al., ICLR 2022, §5.1): the first synaptic layer (in the model's
 * registration order, i.e. the one fed the encoded input) performs multiply-accumulates (MAC,
 * 4.6 pJ each in 45 nm); every later layer is spike-driven and performs accumulates (AC, 0.9 pJ)
 * only for non-zero inputs: its dense MAC count times the fraction of non-zero input elements
 * (spikes, or average-pooled spikes, whose pooling folds into the next layer's weights).
 *
 * <pre>{@code
 * SynapticOps ops = SynapticOps.attach(model);
 * try (GradMode.Scope s = GradMode.noGrad()) { model.forward(x); }
 * double microjoulesPerSample = ops.energyPicojoules() / batchSize / 1e6;
 * SynapticOps.detach(model);
 * }</pre>
 */
public final class SynapticOps {
    public static final double PICOJOULES_PER_MAC = 4.6;
    public static final double PICOJOULES_PER_AC = 0.9;

    private long macs;
    private double acs;

    /** Attaches one new counter to every conv and linear layer of the tree (replacing any other); the first one is the MAC layer. */
    public static SynapticOps attach(Module model) {
        SynapticOps ops = new SynapticOps();
        set(model, ops);
        return ops;
    }

    /** Stops counting in every conv and linear layer of the tree. */
    public static void detach(Module model) {
        set(model, null);
    }

    private static void set(Module model, SynapticOps ops) {
        boolean first = true;
        for (Module m : model.namedModules().values()) {
            if (m instanceof Conv2d c) {
                c.counter = ops == null ? null : ops.new Layer(first);
                first = false;
            } else if (m instanceof Linear l) {
                l.counter = ops == null ? null : ops.new Layer(first);
                first = false;
            }
        }
    }

    /** The counter as one layer sees it: MAC layer (the first) or spike-driven. */
    final class Layer {
        private final boolean macLayer;

        Layer(boolean macLayer) {
            this.macLayer = macLayer;
        }

        /** Records one call of the layer: its input and the MACs a dense evaluation costs. */
        void record(INDArray input, long denseMacs) {
            if (macLayer) {
                macs += denseMacs;
                return;
            }
            long n = input.length();
            if (n > 0) {
                long nonZero = n - input.eq(0.0).castTo(DataType.INT64).sumNumber().longValue();
                acs += denseMacs * (double) nonZero / n;
            }
        }
    }

    /** Multiply-accumulates counted (layers with real-valued input). */
    public long macs() {
        return macs;
    }

    /** Accumulates counted (spike-driven layers: dense MACs × spike density). */
    public double accumulates() {
        return acs;
    }

    /** {@code 4.6 pJ · MACs + 0.9 pJ · ACs} over everything counted since the last reset. */
    public double energyPicojoules() {
        return PICOJOULES_PER_MAC * macs + PICOJOULES_PER_AC * acs;
    }

    public void reset() {
        macs = 0;
        acs = 0;
    }
}
