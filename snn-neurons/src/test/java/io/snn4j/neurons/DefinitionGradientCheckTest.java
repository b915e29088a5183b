package io.snn4j.neurons;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.neurons.surrogate.Surrogate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference checks (DOUBLE) of every shipped charge–fire–reset definition on its generic
 * path: the Heaviside is swapped for a smooth σ(4(h − θ)) in an anonymous subclass (which, being
 * another class, also gets no accelerator), so that the whole recursion, including the reset's
 * gradient and the learnable w / β, is differentiable; the loss reads the spikes and the final
 * state.
 */
class DefinitionGradientCheckTest {

    private static final DataType D = DataType.DOUBLE;

    static Tensor smooth(Tensor h, double theta) {
        return h.sub(theta).mul(4.0).sigmoid();
    }

    static Stream<Arguments> definitions() {
        List<Arguments> out = new ArrayList<>();
        for (ResetMode r : ResetMode.values()) {
            LifConfig lc = LifConfig.builder().decay(0.6).gain(0.8).resetMode(r).build();
            out.add(Arguments.of("lif " + r, new Lif(lc) {
                @Override
                public Tensor fire(Tensor h) {
                    return smooth(h, 1.0);
                }
            }));
            for (boolean decayInput : new boolean[] {true, false}) {
                Plif.Config pc = new Plif.Config(1.7, decayInput, 1.0, r, false, Surrogate.sigmoid());
                out.add(Arguments.of("plif " + r + " decayInput=" + decayInput, new Plif(pc, D) {
                    @Override
                    public Tensor fire(Tensor h) {
                        return smooth(h, 1.0);
                    }
                }));
            }
        }
        for (boolean learn : new boolean[] {true, false}) {
            out.add(Arguments.of("leaky learnBeta=" + learn,
                    new Leaky(Leaky.Config.snnTorch(0.7).withDetachReset(false).withLearnBeta(learn), D) {
                        @Override
                        public Tensor fire(Tensor h) {
                            return smooth(h, 1.0);
                        }
                    }));
        }
        out.add(Arguments.of("multi-strength", new MultiStrength(new MultiStrength.Config(0.5, 0.9, false)) {
            @Override
            public Tensor fire(Tensor h) {
                return h.mul(3.0).sigmoid().mul(2.0);
            }
        }));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void genericPathMatchesCentralDifferences(String name, ChargeFireReset definition) {
        NeuronLayer<ChargeFireReset> layer = new NeuronLayer<>(definition);
        assertFalse(layer.accelerated(D));
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        INDArray xv = Init.uniform(D, new long[] {5, 2, 3}, -0.3, 1.6, rng);
        Tensor x = Tensor.variable(xv);
        Tensor state = Tensor.variable(Init.uniform(D, new long[] {2, 3}, -0.2, 0.6, rng));
        List<Tensor> inputs = new ArrayList<>(List.of(x, state));
        inputs.addAll(definition.parameters().values());
        GradCheck.Result r = GradCheck.defaults().withTolerance(1e-5).check(in -> {
            NeuronLayer.Output o = layer.run(x, state);
            return o.spikes().sum(false, 0).add(o.state().mul(0.5));
        }, inputs.toArray(Tensor[]::new));
        assertTrue(r.passed(), name + ": " + r);
    }
}
