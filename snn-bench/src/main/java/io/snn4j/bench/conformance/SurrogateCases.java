package io.snn4j.bench.conformance;

import java.util.Optional;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.neurons.surrogate.SpikeOp;
import io.snn4j.neurons.surrogate.Surrogate;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conformance cases of kind {@code surrogate}: forward spikes and g'(x), through the spike op of the tape. */
final class SurrogateCases implements CaseHandler {
    @Override
    public Optional<String> run(ConformanceCase c, CaseContext ctx) {
        Surrogate s = Specs.surrogate(c.spec("surrogate"));
        Tensor x = Tensor.variable(ConformanceCase.tensor(c.inputs().get("x"), ctx.dataType()));
        Tensor spikes = SpikeOp.heaviside(x, s);
        spikes.backward(org.nd4j.linalg.factory.Nd4j.onesLike(spikes.value()));
        INDArray grad = x.grad();
        Comparison cmp = new Comparison(c.atol(), c.rtol());
        return Comparison.exact("spikes", spikes.value(), ConformanceCase.tensor(c.expected().get("spikes"), ctx.dataType()))
                .or(() -> cmp.close("grad", grad, ConformanceCase.tensor(c.expected().get("grad"), ctx.dataType())));
    }
}
