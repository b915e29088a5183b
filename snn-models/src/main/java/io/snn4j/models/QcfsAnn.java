package io.snn4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Module;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.LmhNeuron;
import io.snn4j.neurons.NeuronFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ANN twin of an SNN architecture for LM-H hybrid training (Hao et al., ICLR 2024, "efficient training",
 * Table 2; QCFS, Bu et al., ICLR 2022): the same layers, built by the same model class, with every spiking
 * neuron replaced by a {@link QcfsActivation}, and a non-temporal input {@code [B, C, H, W]} →
 * {@code [B, K]} (it runs the network on a one-step sequence, so BatchNorm normalises over the batch).
 *
 * <p>{@link #toSnn(LmhConfig)} converts it: the same architecture with an LM-H neuron at every activation's
 * position whose threshold θ is that activation's λ (LM-H at init is an IF neuron with soft reset, v0 = θ/2 and
 * θ-scaled spikes, so the spike rate times θ approximates the QCFS activation), and every other parameter and
 * buffer copied by name. Feed the SNN the image repeated T times (direct encoding) in eval mode; the mean of its
 * per-step outputs over T approaches the ANN's output as T grows. Use average pools: max pooling of spikes is
 * not max pooling of rates. TEBN models are not convertible (their per-step scales have no ANN counterpart).
 *
 * <pre>{@code
 * ModelOptions o = ModelOptions.builder().inChannels(1).numClasses(10).inputSize(28).neurons(anyFactory).build();
 * QcfsAnn ann = new QcfsAnn(opts -> new ConvSnn("16C3-AP2-32C3-AP2-FC", opts), o, new QcfsConfig(8, 2.0));
 * // ... train ann on [B, 1, 28, 28] ...
 * Module snn = ann.toSnn(LmhConfig.standard());   // then STBP fine-tuning at small T
 * }</pre>
 */
public final class QcfsAnn extends Module {
    private final Function<ModelOptions, Module> architecture;
    private final ModelOptions options;
    private final Module net;
    private final List<QcfsActivation> created = new ArrayList<>();

    /**
     * @param architecture builds the model from options, e.g. {@code VggSnn::new} or
     *                     {@code o -> new ConvSnn(spec, o)}; it must take its neurons from the options
     * @param options      the model options; their neuron factory is replaced by QCFS activations
     */
    public QcfsAnn(Function<ModelOptions, Module> architecture, ModelOptions options, QcfsConfig config) {
        if (architecture == null || options == null || config == null) {
            throw new IllegalArgumentException("QcfsAnn: architecture, options and config must not be null");
        }
        if (options.tebn()) {
            throw new IllegalArgumentException("QcfsAnn: TEBN models cannot be converted (per-step scales have no ANN "
                    + "counterpart); build the ANN with plain BatchNorm");
        }
        if (options.spikingOutput() != null) {
            throw new IllegalArgumentException("QcfsAnn: the ANN needs the non-spiking logits head (spikingOutput must be null)");
        }
        this.architecture = architecture;
        this.options = options;
        this.net = registerModule("net", architecture.apply(options.withNeurons(shape -> {
            QcfsActivation a = new QcfsActivation(config, options.dataType());
            created.add(a);
            return a;
        })));
        if (created.isEmpty()) {
            throw new IllegalArgumentException("QcfsAnn: the architecture created no neurons (does it use options.neurons()?)");
        }
    }

    /** The network, with the SNN model's parameter paths (time-first input {@code [1, B, ...]}). */
    public Module network() {
        return net;
    }

    /** The QCFS layers by their path in {@link #network()}, in the order the architecture created them. */
    public Map<String, QcfsActivation> activations() {
        Map<String, QcfsActivation> out = new LinkedHashMap<>();
        Map<Module, String> paths = paths(net);
        for (QcfsActivation a : created) {
            out.put(paths.get(a), a);
        }
        return out;
    }

    /** {@code [B, ...]} → {@code [B, K]}. */
    @Override
    public Tensor forward(Tensor x) {
        long[] s = x.shape();
        long[] withT = new long[s.length + 1];
        withT[0] = 1;
        System.arraycopy(s, 0, withT, 1, s.length);
        Tensor y = net.forward(x.reshape(withT));
        long[] ys = y.shape();
        return y.reshape(Arrays.copyOfRange(ys, 1, ys.length));
    }

    /**
     * The converted SNN: the same architecture with LM-H neurons ({@code base} with θ = λ of the activation at
     * the same path, its learnable scalars at their init values), all other parameters and buffers copied.
     * Input {@code [T, B, ...]}, output as the SNN model's.
     */
    public Module toSnn(LmhConfig base) {
        if (base == null) {
            throw new IllegalArgumentException("QcfsAnn.toSnn: base LM-H config must not be null");
        }
        List<QcfsActivation> order = List.copyOf(created);
        Iterator<QcfsActivation> next = order.iterator();
        List<LmhNeuron> neurons = new ArrayList<>();
        Module snn = architecture.apply(options.withNeurons(shape -> {
            if (!next.hasNext()) {
                throw new IllegalStateException("QcfsAnn.toSnn: the architecture created more neurons than the ANN's "
                        + order.size() + " activations");
            }
            LmhNeuron n = new LmhNeuron(base.withThreshold(next.next().threshold().value().getDouble(0)),
                    options.dataType());
            neurons.add(n);
            return n;
        }));
        if (neurons.size() != order.size()) {
            throw new IllegalStateException("QcfsAnn.toSnn: the SNN has " + neurons.size() + " neurons but the ANN "
                    + order.size() + " activations");
        }
        Map<Module, String> annPaths = paths(net);
        Map<Module, String> snnPaths = paths(snn);
        Set<String> annSkip = new TreeSet<>();
        Set<String> snnSkip = new TreeSet<>();
        for (int i = 0; i < order.size(); i++) {
            String a = annPaths.get(order.get(i));
            String s = snnPaths.get(neurons.get(i));
            if (!a.equals(s)) {
                throw new IllegalStateException("QcfsAnn.toSnn: neuron " + i + " sits at '" + s + "' in the SNN but its "
                        + "activation at '" + a + "' in the ANN (the architecture is not deterministic)");
            }
            annSkip.add(a);
            snnSkip.add(s);
        }
        Map<String, INDArray> state = without(net.stateDict(), annSkip);
        Set<String> expected = without(snn.stateDict(), snnSkip).keySet();
        if (!expected.equals(state.keySet())) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(state.keySet());
            Set<String> extra = new TreeSet<>(state.keySet());
            extra.removeAll(expected);
            throw new IllegalStateException("QcfsAnn.toSnn: ANN and SNN differ beyond their neurons: missing " + missing
                    + ", unexpected " + extra);
        }
        snn.loadStateDict(state, false);
        snn.train(isTraining());
        return snn;
    }

    private static Map<String, INDArray> without(Map<String, INDArray> state, Set<String> modulePaths) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            int dot = k.lastIndexOf('.');
            if (!modulePaths.contains(dot < 0 ? "" : k.substring(0, dot))) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<Module, String> paths(Module root) {
        Map<Module, String> out = new IdentityHashMap<>();
        root.namedModules().forEach((p, m) -> out.putIfAbsent(m, p));
        return out;
    }

    @Override
    public String toString() {
        return "QcfsAnn(" + net + ")";
    }
}
