package io.snn4j.bench.conformance;

import static io.snn4j.bench.conformance.ConformanceCase.bool;
import static io.snn4j.bench.conformance.ConformanceCase.number;
import static io.snn4j.bench.conformance.ConformanceCase.string;
import static io.snn4j.bench.conformance.ConformanceCase.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.AdamW;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroup;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import io.snn4j.losses.LossSpec;
import io.snn4j.losses.SpikingLoss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conformance cases of kind {@code training}: a few optimizer steps of a {@link CaseNetwork} with the
 * library's optimizers ({@link Sgd}, {@link Adam}, {@link AdamW}), weight decay grouped by
 * {@link ParamGroups#splitWeightDecay}, global-norm clipping ({@link Optimizer#stepWithClipping}),
 * BatchNorm running statistics, and LM-H time-slicing online training through
 * {@code Module.carryState(true)}: per batch the state starts from its initial value
 * ({@code resetState()}), and each slice of {@code timeSlice} steps (the last one shorter when it does
 * not divide T) is one optimizer step on the loss of that slice's outputs.
 *
 * <p>The cases come from {@code torch.optim} in PyTorch 1.13, whose {@code zero_grad()} leaves zero
 * tensors rather than {@code None}: a parameter that received a gradient once stays in every later
 * update even when the current step does not reach it (a learnable v0 after the first slice), so
 * momentum and Adam keep moving it. The runner reproduces that by giving such parameters an explicit
 * zero gradient; the library's own optimizers skip parameters without a gradient (PyTorch 2's
 * {@code set_to_none=True}).
 */
final class TrainingCases implements CaseHandler {
    @Override
    public Optional<String> run(ConformanceCase c, CaseContext ctx) {
        DataType dt = ctx.dataType();
        Map<String, Object> in = c.inputs();
        Map<String, Object> ex = c.expected();
        int batches = (int) c.numberField("batches");
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be >= 1, got " + batches);
        }
        INDArray x0 = tensor(in.get("batches.0.x"), dt);
        CaseNetwork n = CaseNetwork.build(c, x0.shape(), dt);
        checkWeightDecayClassification(n);
        Map<String, Object> os = c.spec("optimizer");
        Optimizer opt = optimizer(os, ParamGroups.splitWeightDecay(n.net(), number(os, "weightDecay", 0.0)));
        SpikingLoss loss = LossSpec.fromJson(c.spec("loss")).build();
        long steps = x0.size(0);
        long slice = c.has("timeSlice") ? (long) c.numberField("timeSlice") : steps;
        if (slice < 1) {
            throw new IllegalArgumentException("timeSlice must be >= 1, got " + slice);
        }
        n.net().carryState(slice < steps);
        Double clip = c.has("clipGradNorm") ? c.numberField("clipGradNorm") : null;

        List<Double> losses = new ArrayList<>();
        Set<Parameter> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int b = 0; b < batches; b++) {
            INDArray xv = tensor(in.get("batches." + b + ".x"), dt);
            int[] labels = ConformanceCase.intList(in.get("batches." + b + ".labels"));
            n.net().resetState();
            Tensor x = Tensor.constant(xv);
            for (long s0 = 0; s0 < xv.size(0); s0 += slice) {
                long len = Math.min(slice, xv.size(0) - s0);
                opt.zeroGrad();
                Tensor out = n.net().forward(len == xv.size(0) ? x : x.narrow(0, s0, len));
                Tensor l = loss.loss(out, labels);
                losses.add(l.item());
                l.backward();
                keepZeroGradients(opt.parameters(), touched);
                if (clip != null) {
                    opt.stepWithClipping(clip);   // clip_grad_norm_ then step, folded into one pass
                } else {
                    opt.step();
                }
            }
        }
        n.net().carryState(false);

        Comparison cmp = new Comparison(c.atol(), c.rtol());
        Optional<String> r = compareLosses(cmp, losses, ex.get("losses"));
        for (Map.Entry<String, Parameter> e : n.parameters().entrySet()) {
            if (r.isPresent()) {
                return r;
            }
            String key = "final." + e.getKey();
            Object want = ex.get(key);
            if (want == null) {
                return Optional.of(key + ": the case has no expected value for this parameter");
            }
            r = want instanceof Number num
                    ? cmp.close(key, e.getValue().value().getDouble(0), num.doubleValue())
                    : cmp.close(key, e.getValue().value(), tensor(want, dt));
        }
        for (Map.Entry<String, INDArray> e : n.buffers().entrySet()) {
            if (r.isPresent()) {
                return r;
            }
            String key = "final." + e.getKey();
            if (ex.containsKey(key)) {
                r = cmp.close(key, e.getValue(), tensor(ex.get(key), dt));
            }
        }
        return r;
    }

    /** {@code torch.optim.SGD}, {@code Adam} or {@code AdamW} from the case's {@code optimizer} spec. */
    static Optimizer optimizer(Map<String, Object> os, List<ParamGroup> groups) {
        String type = string(os, "type");
        double lr = number(os, "lr");
        return switch (type) {
            case "sgd" -> new Sgd(groups, Sgd.Options.builder().lr(lr)
                    .momentum(number(os, "momentum", 0.0))
                    .dampening(number(os, "dampening", 0.0))
                    .nesterov(bool(os, "nesterov", false)).build());
            case "adam", "adamw" -> {
                Adam.Builder ab = Adam.Options.builder().lr(lr).eps(number(os, "eps", 1e-8));
                if (os.containsKey("betas")) {
                    List<?> betas = (List<?>) os.get("betas");
                    ab.betas(((Number) betas.get(0)).doubleValue(), ((Number) betas.get(1)).doubleValue());
                }
                yield type.equals("adam") ? new Adam(groups, ab.build()) : new AdamW(groups, ab.build());
            }
            default -> throw new UnsupportedOperationException("optimizer type '" + type + "'");
        };
    }

    /**
     * FORMAT.md decays exactly the parameters whose name ends in {@code weight}; the library decides by
     * {@link Parameter#weightDecay()} (what {@link ParamGroups#splitWeightDecay} groups by). They must agree.
     */
    private static void checkWeightDecayClassification(CaseNetwork n) {
        n.parameters().forEach((name, p) -> {
            if (p.weightDecay() != name.endsWith("weight")) {
                throw new IllegalStateException("parameter " + name + " is " + (p.weightDecay() ? "" : "not ")
                        + "subject to weight decay in the library, but the case format says the opposite");
            }
        });
    }

    /** PyTorch 1.13 {@code zero_grad()}: a parameter that had a gradient before gets a zero one, not none. */
    private static void keepZeroGradients(List<Parameter> params, Set<Parameter> touched) {
        for (Parameter p : params) {
            if (p.grad() != null) {
                touched.add(p);
            } else if (touched.contains(p) && p.requiresGrad()) {
                p.mul(0.0).sum().backward();
            }
        }
    }

    private static Optional<String> compareLosses(Comparison cmp, List<Double> actual, Object expected) {
        if (!(expected instanceof List<?> want)) {
            return Optional.of("losses: the case has no list 'losses'");
        }
        if (want.size() != actual.size()) {
            return Optional.of("losses: " + actual.size() + " optimizer steps, expected " + want.size());
        }
        for (int i = 0; i < want.size(); i++) {
            Optional<String> r = cmp.close("losses[" + i + "]", actual.get(i), ((Number) want.get(i)).doubleValue());
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}
