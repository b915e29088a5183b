package io.snn4j.bench.conformance;

import static io.snn4j.bench.conformance.ConformanceCase.number;
import static io.snn4j.bench.conformance.ConformanceCase.tensor;

import java.util.Map;
import java.util.Optional;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import io.snn4j.losses.LossSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conformance cases of kind {@code network}: the layer list is assembled by {@link CaseNetwork}, run
 * in training mode, and the loss of the case's spec is backpropagated.
 */
final class NetworkCases implements CaseHandler {
    @Override
    public Optional<String> run(ConformanceCase c, CaseContext ctx) {
        DataType dt = ctx.dataType();
        Map<String, Object> in = c.inputs();
        Map<String, Object> ex = c.expected();
        INDArray xv = tensor(in.get("x"), dt);
        CaseNetwork n = CaseNetwork.build(c, xv.shape(), dt);
        Tensor x = Tensor.variable(xv);
        Tensor outputs = n.net().forward(x);
        Tensor loss = LossSpec.fromJson(c.spec("loss")).build().loss(outputs, ConformanceCase.intList(in.get("labels")));
        loss.backward();
        Comparison cmp = new Comparison(c.atol(), c.rtol());
        Optional<String> r = cmp.close("outputs", outputs.value(), tensor(ex.get("outputs"), dt))
                .or(() -> cmp.close("loss", loss.item(), number(ex, "loss")))
                .or(() -> cmp.close("gradX", x.grad(), tensor(ex.get("gradX"), dt)));
        for (Map.Entry<String, Parameter> e : n.parameters().entrySet()) {
            if (r.isPresent()) {
                break;
            }
            String key = "grad." + e.getKey();
            if (ex.containsKey(key)) {
                r = cmp.close(key, e.getValue().grad(), tensor(ex.get(key), dt));
            }
        }
        return r;
    }
}
