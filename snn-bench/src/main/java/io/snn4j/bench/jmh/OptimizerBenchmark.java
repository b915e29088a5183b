package io.snn4j.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.snn4j.core.nn.Parameter;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.AdamW;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import io.snn4j.core.optim.reference.ReferenceUpdates;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.VggSnn;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.Neurons;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One optimizer step over VGGSNN's parameters (FLOAT, 2×48×48 input, 10 classes: 9.3 M parameters in 34
 * tensors) with fixed random gradients, weight decay on the weights as {@link ParamGroups#splitWeightDecay}:
 * <ul>
 *   <li>{@code fused}: the library's optimizer ({@link Optimizer#step()}: one element-wise pass per
 *       parameter);</li>
 *   <li>{@code fusedClip}: {@link Optimizer#stepWithClipping} (norm pass + update pass);</li>
 *   <li>{@code reference}: the plain ND4J formulation ({@link ReferenceUpdates}: an array operation per
 *       term, temporaries included; what the optimizer did before);</li>
 *   <li>{@code nativeAdam}: ND4J's native {@code adam_updater} op into a preallocated update array, then
 *       {@code p −= update} (Adam only; its ε is rescaled by √(1−β2ᵗ) to PyTorch's placement; no weight
 *       decay: it has none).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerBenchmark {
    @Param({"adam", "adamw", "sgd"})
    public String optimizer;

    @Param({"0.0005"})
    public double weightDecay;

    private List<Parameter> params;
    private List<INDArray> grads;
    private Optimizer opt;
    private final List<INDArray[]> refState = new ArrayList<>();
    private final List<INDArray> updates = new ArrayList<>();
    private long t;

    @Setup(Level.Trial)
    public void setup() {
        VggSnn model = new VggSnn(ModelOptions.builder().inChannels(2).numClasses(10).inputSize(48)
                .neurons(Neurons.lif(LifConfig.tet())).dataType(DataType.FLOAT).seed(1).build());
        params = model.parameters();
        grads = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(3);
        for (Parameter p : params) {
            INDArray g = Nd4j.rand(DataType.FLOAT, p.shape()).subi(0.5).muli(1e-2 * (1 + r.nextDouble()));
            grads.add(g);
            p.mul(Parameter.of(g)).sum().backward(); // p.grad() = g
            refState.add(new INDArray[] {Nd4j.zerosLike(p.value()), Nd4j.zerosLike(p.value())});
            updates.add(Nd4j.zerosLike(p.value()));
        }
        var groups = ParamGroups.splitWeightDecay(model, weightDecay);
        opt = switch (optimizer) {
            case "adam" -> new Adam(groups, Adam.Options.of(1e-3));
            case "adamw" -> new AdamW(groups, Adam.Options.of(1e-3));
            case "sgd" -> new Sgd(groups, Sgd.Options.builder().lr(0.1).momentum(0.9).build());
            default -> throw new IllegalArgumentException(optimizer);
        };
    }

    @Benchmark
    public Optimizer fused() {
        opt.step();
        return opt;
    }

    @Benchmark
    public double fusedClip() {
        return opt.stepWithClipping(1.0);
    }

    @Benchmark
    public Object reference() {
        t++;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            double wd = p.weightDecay() ? weightDecay : 0;
            INDArray[] st = refState.get(i);
            switch (optimizer) {
                case "sgd" -> st[0] = ReferenceUpdates.sgd(p.value(), grads.get(i), t == 1 ? null : st[0],
                        Sgd.Options.builder().lr(0.1).momentum(0.9).build(), 0.1, wd);
                default -> ReferenceUpdates.adam(p.value(), grads.get(i), st[0], st[1], t, Adam.Options.of(1e-3), 1e-3,
                        wd, optimizer.equals("adamw"));
            }
        }
        return params;
    }

    @Benchmark
    public Object nativeAdam() {
        if (!optimizer.equals("adam")) {
            return null;
        }
        t++;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8 * Math.sqrt(1 - Math.pow(b2, t));
        for (int i = 0; i < params.size(); i++) {
            INDArray[] st = refState.get(i);
            INDArray u = updates.get(i);
            Nd4j.exec(new AdamUpdater(grads.get(i), st[1], st[0], u, st[1], st[0], 1e-3, b1, b2, eps, (int) (t - 1)));
            params.get(i).value().subi(u);
        }
        return params;
    }
}
