package io.snn4j.bench.conformance;

import static io.snn4j.bench.conformance.ConformanceCase.bool;
import static io.snn4j.bench.conformance.ConformanceCase.map;
import static io.snn4j.bench.conformance.ConformanceCase.number;
import static io.snn4j.bench.conformance.ConformanceCase.string;
import static io.snn4j.bench.conformance.ConformanceCase.tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.BatchNorm2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.Flatten;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.MaxPool2d;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import io.snn4j.models.ConnectFunction;
import io.snn4j.models.SewBlock;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.Leaky;
import io.snn4j.neurons.LmhNeuron;
import io.snn4j.neurons.NeuronLayer;
import io.snn4j.neurons.Plif;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.V0Init;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network of a case's {@code layers} list (kinds {@code network} and {@code training}), assembled
 * from the library's modules (stateless layers time-folded, neurons multi-step), with every parameter
 * set from the case's inputs {@code layers.{i}.{name}}.
 *
 * @param net        the layers in order, in training mode
 * @param parameters every parameter under its case name {@code layers.{i}.{name}}, in layer order
 * @param buffers    every buffer (BatchNorm running statistics) under its case name
 *                   {@code layers.{i}.{name}}, e.g. {@code layers.3.bn1.runningMean}
 */
record CaseNetwork(Sequential net, Map<String, Parameter> parameters, Map<String, INDArray> buffers) {
    CaseNetwork {
        parameters = Collections.unmodifiableMap(parameters);
        buffers = Collections.unmodifiableMap(buffers);
    }

    /**
     * Builds the layers of {@code c} for inputs of {@code inputShape} {@code [T, B, ...]}; each layer's
     * input shape is found by running the layers before it.
     */
    static CaseNetwork build(ConformanceCase c, long[] inputShape, DataType dt) {
        Map<String, Object> in = c.inputs();
        long[] shape = inputShape.clone();       // current [T, B, ...]
        RandomGenerator rng = new SplittableRandom(0);
        Sequential net = new Sequential();
        Map<String, Parameter> params = new LinkedHashMap<>();
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        List<Object> layers = c.list("layers");
        for (int i = 0; i < layers.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> l = (Map<String, Object>) layers.get(i);
            String type = string(l, "type");
            String prefix = "layers." + i + ".";
            Module m = switch (type) {
                case "linear" -> new Linear(intOf(l, "in"), intOf(l, "out"), bool(l, "bias", true), dt, rng);
                case "conv2d" -> new TimeFolded(new Conv2d(intOf(l, "in"), intOf(l, "out"), intOf(l, "kernel"),
                        intOf(l, "stride", 1), intOf(l, "padding", 0), bool(l, "bias", true), dt, rng));
                case "batchnorm2d" -> new TimeFolded(new BatchNorm2d((int) shape[2], number(l, "eps", 1e-5),
                        BatchNorm2d.DEFAULT_MOMENTUM, dt));
                case "avgpool2d" -> new TimeFolded(new AvgPool2d(intOf(l, "kernel"), intOf(l, "stride", intOf(l, "kernel")),
                        intOf(l, "padding", 0)));
                case "maxpool2d" -> new TimeFolded(new MaxPool2d(intOf(l, "kernel"), intOf(l, "stride", intOf(l, "kernel")),
                        intOf(l, "padding", 0)));
                case "flatten" -> new Flatten(2);
                case "neuron" -> neuron(map(l, "neuron"), Arrays.copyOfRange(shape, 2, shape.length), dt);
                case "sew-block" -> {
                    Map<String, Object> ns = map(l, "neuron");
                    NeuronFactory f = s -> neuron(ns, s, dt);
                    yield new SewBlock((int) shape[2], (int) shape[2], 1, shape[3],
                            ConnectFunction.parse(string(l, "connect")), f, number(l, "eps", 1e-5), dt, rng);
                }
                default -> throw new UnsupportedOperationException("layer type '" + type + "'");
            };
            net.add(m);
            Module target = m instanceof TimeFolded tf ? tf.inner() : m;
            for (Map.Entry<String, Parameter> e : paramsByCaseName(target).entrySet()) {
                String name = prefix + e.getKey();
                Object given = in.get(name);
                if (given == null && target instanceof LmhNeuron) {
                    params.put(name, e.getValue());
                    continue;   // LM-H's raw scalars start at 0 unless the case gives them
                }
                if (given == null) {
                    throw new IllegalArgumentException("case gives no value for parameter " + name);
                }
                INDArray v = given instanceof Number num ? Nd4j.scalar(dt, num.doubleValue()).reshape(1) : tensor(given, dt);
                if (v.length() == 1 && e.getValue().length() == 1) {
                    v = v.reshape(e.getValue().shape());   // a scalar given as a number, [] or [1]
                }
                if (!Arrays.equals(v.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException(name + ": case shape " + Arrays.toString(v.shape())
                            + " but the layer has " + Arrays.toString(e.getValue().shape()));
                }
                e.getValue().value().assign(v);
                params.put(name, e.getValue());
            }
            target.namedBuffers().forEach((n, b) -> buffers.put(prefix + n, b));
            shape = shapeAfter(m, shape, dt);
        }
        return new CaseNetwork(net, params, buffers);
    }

    /** The layer's parameters under the names FORMAT.md gives them (without the {@code layers.i.} prefix). */
    private static Map<String, Parameter> paramsByCaseName(Module target) {
        if (target instanceof LmhNeuron) {
            // FORMAT.md names LM-H's raw scalars alpha1, beta1, alpha2, beta2 (docs/spec.md §4: a1, b1, a2, b2)
            Map<String, Parameter> p = target.namedParameters();
            Map<String, Parameter> out = new LinkedHashMap<>();
            out.put("alpha1", p.get("a1"));
            out.put("beta1", p.get("b1"));
            out.put("alpha2", p.get("a2"));
            out.put("beta2", p.get("b2"));
            return out;
        }
        return target.namedParameters();
    }

    private static Module neuron(Map<String, Object> spec, long[] sampleShape, DataType dt) {
        String type = string(spec, "type");
        if (type.equals("lmh")) {
            return new LmhNeuron(Specs.lmh(spec), dt);
        }
        if (type.equals("plif")) {
            return new NeuronLayer<>(new Plif(Specs.plif(spec), dt));          // the case gives layers.{i}.w
        }
        if (type.equals("leaky")) {
            return new NeuronLayer<>(new Leaky(Specs.leaky(spec, 0.5), dt));   // the case gives layers.{i}.beta
        }
        if (!type.equals("lif")) {
            throw new UnsupportedOperationException("network neuron type '" + type + "'");
        }
        LifConfig cfg = Specs.lif(spec);
        if (bool(spec, "learnableV0", false)) {
            return LifNeuron.withLearnableV0(cfg, sampleShape, V0Init.standard(), dt, new SplittableRandom(0));
        }
        return new LifNeuron(cfg);
    }

    /** Shape after a layer, found by running it on zeros without recording. */
    private static long[] shapeAfter(Module m, long[] shape, DataType dt) {
        try (var ignored = GradMode.noGrad()) {
            boolean training = m.isTraining();
            m.eval();   // don't touch BN running statistics
            long[] out = m.forward(Tensor.constant(Nd4j.zeros(dt, shape))).shape();
            m.train(training);
            m.resetState();
            return out;
        }
    }

    private static int intOf(Map<String, Object> m, String k) {
        return (int) number(m, k);
    }

    private static int intOf(Map<String, Object> m, String k, int dflt) {
        return m.containsKey(k) ? (int) number(m, k) : dflt;
    }
}
