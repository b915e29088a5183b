package io.snn4j.bench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.snn4j.bench.DocSnippets;
import io.snn4j.bench.conformance.ConformanceCase;
import io.snn4j.core.nn.Linear;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import io.snn4j.core.train.BatchResult;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.LabeledBatch;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingContext;
import io.snn4j.core.train.TrainingListener;
import io.snn4j.losses.TetLoss;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.LmhNeuron;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Trainer's network-level time slicing reproduces PyTorch on the golden case {@code train-lmh-time-slices}
 * (linear → LM-H → linear, SGD with momentum, slices of 2 steps): the loss of every optimizer step and the final
 * parameters, in DOUBLE.
 */
class TrainerGoldenTrainingTest {

    @Test
    void timeSlicedTrainingMatchesThePyTorchCase() throws Exception {
        ConformanceCase c = ConformanceCase.read(DocSnippets.root()
                .resolve("snn-bench/src/test/resources/trainer/train-lmh-time-slices.json"));
        DataType dt = DataType.DOUBLE;
        Map<String, Object> in = c.inputs();
        SplittableRandom rng = new SplittableRandom(0);
        Linear fc1 = new Linear(6, 8, true, dt, rng);
        LmhNeuron lmh = new LmhNeuron(LmhConfig.standard(), dt);
        Linear fc2 = new Linear(8, 4, true, dt, rng);
        Sequential net = new Sequential(fc1, lmh, fc2);
        set(fc1.namedParameters().get("weight"), in.get("layers.0.weight"), dt);
        set(fc1.namedParameters().get("bias"), in.get("layers.0.bias"), dt);
        set(fc2.namedParameters().get("weight"), in.get("layers.2.weight"), dt);
        set(fc2.namedParameters().get("bias"), in.get("layers.2.bias"), dt);
        String[][] lmhNames = {{"a1", "alpha1"}, {"b1", "beta1"}, {"a2", "alpha2"}, {"b2", "beta2"}};
        for (String[] n : lmhNames) {
            Object v = in.get("layers.1." + n[1]);
            if (v != null) {
                lmh.namedParameters().get(n[0]).value().assign(((Number) v).doubleValue());
            }
        }
        List<LabeledBatch> batches = new ArrayList<>();
        for (int b = 0; in.containsKey("batches." + b + ".x"); b++) {
            batches.add(new LabeledBatch(ConformanceCase.tensor(in.get("batches." + b + ".x"), dt),
                    ConformanceCase.intList(in.get("batches." + b + ".labels"))));
        }
        int t = (int) batches.get(0).x().size(0);
        List<Double> losses = new ArrayList<>();
        Trainer.builder().model(net).loss(new TetLoss())
                .optimizer(m -> new Sgd(ParamGroups.single(m, 0.0), Sgd.Options.builder().lr(0.2).momentum(0.9).build()))
                .trainData(fixed(batches))
                .config(TrainerConfig.builder().epochs(1).timeSteps(t).timeSlice(2).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(TrainingContext ctx, BatchResult r) {
                        for (double v : r.stepLosses()) {
                            losses.add(v);
                        }
                    }
                })
                .build().fit();
        @SuppressWarnings("unchecked")
        List<Object> expected = (List<Object>) c.expected().get("losses");
        assertEquals(expected.size(), losses.size());
        for (int i = 0; i < losses.size(); i++) {
            assertEquals(((Number) expected.get(i)).doubleValue(), losses.get(i), 1e-9, "loss of step " + i);
        }
        assertClose(fc1.namedParameters().get("weight"), c.expected().get("final.layers.0.weight"), dt);
        assertClose(fc2.namedParameters().get("bias"), c.expected().get("final.layers.2.bias"), dt);
        assertEquals(((Number) c.expected().get("final.layers.1.beta2")).doubleValue(),
                lmh.namedParameters().get("b2").value().getDouble(0), 1e-9);
    }

    static void set(Parameter p, Object v, DataType dt) {
        p.value().assign(ConformanceCase.tensor(v, dt));
    }

    static void assertClose(Parameter p, Object expected, DataType dt) {
        INDArray e = ConformanceCase.tensor(expected, dt);
        double diff = p.value().sub(e).amaxNumber().doubleValue();
        assertTrue(diff < 1e-9, "max difference " + diff);
    }

    /** The given batches, in order, every epoch. */
    static BatchSource fixed(List<LabeledBatch> batches) {
        return new BatchSource() {
            @Override
            public int size() {
                return batches.stream().mapToInt(LabeledBatch::size).sum();
            }

            @Override
            public Epoch epoch(long seed, int epoch, int timeSteps) {
                var it = batches.iterator();
                return new Epoch() {
                    @Override
                    public int batchCount() {
                        return batches.size();
                    }

                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public LabeledBatch next() {
                        return it.next();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
