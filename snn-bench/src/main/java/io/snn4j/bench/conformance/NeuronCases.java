package io.snn4j.bench.conformance;

import static io.snn4j.bench.conformance.ConformanceCase.bool;
import static io.snn4j.bench.conformance.ConformanceCase.number;
import static io.snn4j.bench.conformance.ConformanceCase.string;
import static io.snn4j.bench.conformance.ConformanceCase.tensor;

import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.Leaky;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LifNeuron;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.LmhNeuron;
import io.snn4j.neurons.MpePsnNeuron;
import io.snn4j.neurons.NeuronLayer;
import io.snn4j.neurons.Plif;
import io.snn4j.neurons.V0Init;
import io.snn4j.neurons.kernel.LmhParams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conformance cases of kind {@code neuron} (lif, lmh, mpe-psn, plif, leaky): the neuron layers run
 * multi-step on the tape, with {@code L = Σ gradSpikes ⊙ spikes (+ gradMemLoss · memLoss)}; the
 * membrane (a debugging field) comes from the layer's trace (the fused kernel's for FLOAT LM-H and
 * MPE-PSN, the unfused path's for DOUBLE; the definition's generic trace for the charge–fire–reset
 * neurons).
 */
final class NeuronCases implements CaseHandler {
    @Override
    public Optional<String> run(ConformanceCase c, CaseContext ctx) {
        Map<String, Object> spec = c.spec("neuron");
        String type = string(spec, "type");
        return switch (type) {
            case "lif" -> lif(c, spec, ctx.dataType());
            case "lmh" -> lmh(c, spec, ctx.dataType());
            case "mpe-psn" -> mpePsn(c, spec, ctx.dataType());
            case "plif" -> plif(c, spec, ctx.dataType());
            case "leaky" -> leaky(c, spec, ctx.dataType());
            default -> throw new UnsupportedOperationException("neuron type '" + type + "'");
        };
    }

    private static Optional<String> lif(ConformanceCase c, Map<String, Object> spec, DataType dt) {
        Map<String, Object> in = c.inputs();
        Map<String, Object> ex = c.expected();
        LifConfig cfg = Specs.lif(spec);
        INDArray xv = tensor(in.get("x"), dt);
        boolean learnable = bool(spec, "learnableV0", false);
        LifNeuron neuron;
        INDArray v0 = null;
        if (learnable) {
            v0 = tensor(in.get("v0"), dt);
            neuron = LifNeuron.withLearnableV0(cfg, v0.shape(), V0Init.standard(), dt, new SplittableRandom(0));
            neuron.v0().value().assign(v0);
        } else {
            neuron = new LifNeuron(cfg);
        }
        Tensor x = Tensor.variable(xv);
        Tensor spikes = neuron.forward(x);
        spikes.backward(tensor(in.get("gradSpikes"), dt));
        INDArray membrane = neuron.trace(Tensor.constant(xv), null).membrane().value();
        Comparison cmp = new Comparison(c.atol(), c.rtol());
        Optional<String> r = Comparison.exact("spikes", spikes.value(), tensor(ex.get("spikes"), dt))
                .or(() -> cmp.close("membrane", membrane, tensor(ex.get("membrane"), dt)))
                .or(() -> cmp.close("gradX", x.grad(), tensor(ex.get("gradX"), dt)));
        if (r.isEmpty() && learnable) {
            r = cmp.close("gradV0", neuron.v0().grad(), tensor(ex.get("gradV0"), dt));
        }
        return r;
    }

    private static Optional<String> plif(ConformanceCase c, Map<String, Object> spec, DataType dt) {
        Plif p = new Plif(Specs.plif(spec), dt);
        p.w().value().assign(number(c.inputs(), "w"));
        return learnableScalar(c, new NeuronLayer<>(p), p.w(), "gradW", dt);
    }

    private static Optional<String> leaky(ConformanceCase c, Map<String, Object> spec, DataType dt) {
        Leaky l = new Leaky(Specs.leaky(spec, number(c.inputs(), "beta")), dt);
        return learnableScalar(c, new NeuronLayer<>(l), l.beta(), "gradBeta", dt);
    }

    /** A layer with one learnable scalar: spikes, membrane (from the generic trace), dL/dx, dL/dscalar. */
    private static Optional<String> learnableScalar(ConformanceCase c, NeuronLayer<?> neuron, Tensor scalar,
                                                    String gradName, DataType dt) {
        Map<String, Object> in = c.inputs();
        Map<String, Object> ex = c.expected();
        INDArray xv = tensor(in.get("x"), dt);
        INDArray membrane = neuron.trace(Tensor.constant(xv), null).membrane().value();
        Tensor x = Tensor.variable(xv);
        Tensor spikes = neuron.forward(x);
        spikes.backward(tensor(in.get("gradSpikes"), dt));
        Comparison cmp = new Comparison(c.atol(), c.rtol());
        return Comparison.exact("spikes", spikes.value(), tensor(ex.get("spikes"), dt))
                .or(() -> cmp.close("membrane", membrane, tensor(ex.get("membrane"), dt)))
                .or(() -> cmp.close("gradX", x.grad(), tensor(ex.get("gradX"), dt)))
                .or(() -> cmp.close(gradName, scalar.grad().getDouble(0), number(ex, gradName)));
    }

    private static Optional<String> lmh(ConformanceCase c, Map<String, Object> spec, DataType dt) {
        Map<String, Object> in = c.inputs();
        Map<String, Object> ex = c.expected();
        LmhConfig cfg = Specs.lmh(spec);
        LmhParams p = new LmhParams(number(in, "alpha1"), number(in, "beta1"), number(in, "alpha2"), number(in, "beta2"));
        LmhNeuron neuron = new LmhNeuron(cfg, p, dt);
        INDArray xv = tensor(in.get("x"), dt);
        Tensor x = Tensor.variable(xv);
        Tensor o = neuron.forward(x);
        o.backward(tensor(in.get("gradSpikes"), dt));
        INDArray membrane = neuron.trace(Tensor.constant(xv), null).membrane().value();
        Map<String, Tensor> params = Map.copyOf(neuron.namedParameters());
        Comparison cmp = new Comparison(c.atol(), c.rtol());
        return Comparison.exact("spikes", o.value(), tensor(ex.get("spikes"), dt))
                .or(() -> cmp.close("membrane", membrane, tensor(ex.get("membrane"), dt)))
                .or(() -> cmp.close("gradX", x.grad(), tensor(ex.get("gradX"), dt)))
                .or(() -> cmp.close("gradAlpha1", params.get("a1").grad().getDouble(0), number(ex, "gradAlpha1")))
                .or(() -> cmp.close("gradBeta1", params.get("b1").grad().getDouble(0), number(ex, "gradBeta1")))
                .or(() -> cmp.close("gradAlpha2", params.get("a2").grad().getDouble(0), number(ex, "gradAlpha2")))
                .or(() -> cmp.close("gradBeta2", params.get("b2").grad().getDouble(0), number(ex, "gradBeta2")));
    }

    private static Optional<String> mpePsn(ConformanceCase c, Map<String, Object> spec, DataType dt) {
        Map<String, Object> in = c.inputs();
        Map<String, Object> ex = c.expected();
        INDArray xv = tensor(in.get("x"), dt);
        INDArray mask = tensor(in.get("mask"), dt);
        INDArray coef = tensor(in.get("coef"), dt);
        double theta = number(in, "threshold");
        int t = (int) xv.size(0);
        MpePsnNeuron neuron = new MpePsnNeuron(Specs.mpePsn(spec), t, xs -> mask, dt);
        neuron.threshold().value().assign(theta);
        neuron.coef().value().assign(coef);
        Tensor x = Tensor.variable(xv);
        Tensor s = neuron.forward(x);
        Tensor memLoss = neuron.lastMembraneLoss();
        Tensor loss = s.mul(Tensor.constant(tensor(in.get("gradSpikes"), dt))).sum()
                .add(memLoss.mul(number(in, "gradMemLoss")));
        loss.backward();
        INDArray membrane = neuron.trace(Tensor.constant(xv), mask).membrane().value();
        Comparison cmp = new Comparison(c.atol(), c.rtol());
        return Comparison.exact("spikes", s.value(), tensor(ex.get("spikes"), dt))
                .or(() -> cmp.close("membrane", membrane, tensor(ex.get("membrane"), dt)))
                .or(() -> cmp.close("memLoss", memLoss.item(), number(ex, "memLoss")))
                .or(() -> cmp.close("gradX", x.grad(), tensor(ex.get("gradX"), dt)))
                .or(() -> cmp.close("gradThreshold", neuron.threshold().grad().getDouble(0), number(ex, "gradThreshold")))
                .or(() -> cmp.close("gradCoef", neuron.coef().grad(), tensor(ex.get("gradCoef"), dt)));
    }
}
