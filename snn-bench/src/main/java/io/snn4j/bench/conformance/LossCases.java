package io.snn4j.bench.conformance;

import java.util.Map;
import java.util.Optional;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.losses.LossSpec;
import io.snn4j.losses.SpikingLoss;

/** Conformance cases of kind {@code loss}: loss value and dL/d(outputs). */
final class LossCases implements CaseHandler {
    @Override
    public Optional<String> run(ConformanceCase c, CaseContext ctx) {
        Map<String, Object> in = c.inputs();
        Map<String, Object> ex = c.expected();
        SpikingLoss loss = LossSpec.fromJson(c.spec("loss")).build();
        Tensor outputs = Tensor.variable(ConformanceCase.tensor(in.get("outputs"), ctx.dataType()));
        int[] labels = ConformanceCase.intList(in.get("labels"));
        Tensor l = loss.loss(outputs, labels);
        l.backward();
        Comparison cmp = new Comparison(c.atol(), c.rtol());
        return cmp.close("loss", l.item(), ConformanceCase.number(ex, "loss"))
                .or(() -> cmp.close("gradOutputs", outputs.grad(), ConformanceCase.tensor(ex.get("gradOutputs"), ctx.dataType())));
    }
}
