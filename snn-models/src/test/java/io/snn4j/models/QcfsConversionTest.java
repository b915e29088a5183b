package io.snn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Parameter;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.LmhNeuron;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** QCFS ANN twins of the models and their conversion to LM-H SNNs (LM-H hybrid training; QCFS). */
class QcfsConversionTest {
    static final String SPEC = "8C3-AP2-8C3-AP2-FC";

    static ModelOptions opts(DataType type) {
        return ModelOptions.builder().inChannels(1).numClasses(5).inputSize(8).neurons(ModelsTest.LIF)
                .dataType(type).seed(3).build();
    }

    /** Non-trivial BN statistics and affine parameters, and a different λ per layer. */
    static void perturb(QcfsAnn ann) {
        SplittableRandom r = new SplittableRandom(11);
        ann.network().namedBuffers().forEach((k, b) -> b.assign(Init.uniform(b.dataType(), b.shape(), 0.5, 1.5, r)
                .subi(k.endsWith("mean") ? 1.0 : 0.0)));
        ann.network().namedParameters().forEach((k, p) -> {
            if (k.endsWith("gamma") || k.endsWith("beta")) {
                p.value().assign(Init.uniform(p.dataType(), p.shape(), 0.5, 1.5, r));
            }
        });
        int i = 0;
        for (QcfsActivation a : ann.activations().values()) {
            a.threshold().value().assign(0.8 + 0.3 * i++);
        }
    }

    @Test
    void theAnnTakesStaticInputAndEveryParameterIncludingLambdaGetsAGradient() {
        QcfsAnn ann = new QcfsAnn(o -> new ConvSnn(SPEC, o), opts(DataType.FLOAT), new QcfsConfig(4, 1.0));
        assertEquals(java.util.List.of("features.1", "features.4"), java.util.List.copyOf(ann.activations().keySet()));
        Tensor x = Tensor.constant(Init.uniform(DataType.FLOAT, new long[] {4, 1, 8, 8}, 0, 1, new SplittableRandom(1)));
        Tensor y = ann.forward(x);
        assertArrayEquals(new long[] {4, 5}, y.shape());
        y.square().mean().backward();
        ann.namedParameters().forEach((k, p) -> assertNotNull(p.grad(), k));
        assertTrue(ann.namedParameters().containsKey("net.features.1.threshold"));
    }

    @Test
    void conversionMapsEveryParameterAndBufferExactlyAndThresholdsToLambda() {
        QcfsAnn ann = new QcfsAnn(o -> new ConvSnn(SPEC, o), opts(DataType.FLOAT), new QcfsConfig(4, 1.0));
        perturb(ann);
        Module snn = ann.toSnn(LmhConfig.standard());
        Map<String, INDArray> a = ann.network().stateDict();
        Map<String, INDArray> s = snn.stateDict();
        int copied = 0;
        for (Map.Entry<String, INDArray> e : a.entrySet()) {
            if (e.getKey().endsWith(".threshold")) {
                continue;
            }
            assertEquals(e.getValue(), s.get(e.getKey()), e.getKey());
            assertNotSame(e.getValue(), s.get(e.getKey()), "a copy, not a shared array: " + e.getKey());
            copied++;
        }
        assertEquals(a.size() - 2, copied);
        assertEquals(copied + 2 * 4, s.size(), "the SNN adds only the LM-H scalars: " + s.keySet());
        Map<String, Module> modules = snn.namedModules();
        ann.activations().forEach((path, act) -> {
            LmhNeuron n = (LmhNeuron) modules.get(path);
            assertEquals(act.threshold().value().getDouble(0), n.config().threshold(), 1e-7, path);
            assertEquals(0.0, n.params().a1());
        });
    }

    /** mean |SNN output averaged over T − ANN output| / mean |ANN output|, in eval mode. */
    static double relativeError(QcfsAnn ann, Module snn, INDArray images, int t) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            INDArray yAnn = ann.forward(Tensor.constant(images)).value();
            long[] s = images.shape();
            INDArray seq = Nd4j.zeros(images.dataType(), t, s[0], s[1], s[2], s[3]).addi(images.reshape(1, s[0], s[1], s[2], s[3]));
            INDArray ySnn = snn.forward(Tensor.constant(seq)).value().mean(0);
            return Nd4j.math().abs(ySnn.sub(yAnn)).meanNumber().doubleValue() / Nd4j.math().abs(yAnn).meanNumber().doubleValue();
        }
    }

    @Test
    void convertedSnnOutputsAveragedOverTimeApproachTheAnnAsTGrows() {
        QcfsAnn ann = new QcfsAnn(o -> new ConvSnn(SPEC, o), opts(DataType.DOUBLE), new QcfsConfig(8, 1.0));
        perturb(ann);
        ann.eval();
        Module snn = ann.toSnn(LmhConfig.standard());
        snn.eval();
        // L only shapes the ANN's activation, not its weights: the SNN's T → ∞ limit is the same network with
        // L → ∞ (clip(z, 0, λ)); the trained L = 8 ANN differs from that limit by its quantisation error
        QcfsAnn limit = new QcfsAnn(o -> new ConvSnn(SPEC, o), opts(DataType.DOUBLE), new QcfsConfig(1 << 16, 1.0));
        limit.loadStateDict(ann.stateDict(), true);
        limit.eval();
        INDArray images = Init.uniform(DataType.DOUBLE, new long[] {16, 1, 8, 8}, 0, 1, new SplittableRandom(5));
        int[] ts = {4, 8, 16, 64, 256};
        double[] toAnn = new double[ts.length];
        double[] toLimit = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            toAnn[i] = relativeError(ann, snn, images, ts[i]);
            toLimit[i] = relativeError(limit, snn, images, ts[i]);
        }
        System.out.println("QCFS (L = 8) -> LM-H SNN, relative error of the T-averaged output at T = "
                + java.util.Arrays.toString(ts) + ": to the L = 8 ANN " + java.util.Arrays.toString(toAnn)
                + ", to the same ANN with L -> inf " + java.util.Arrays.toString(toLimit));
        assertTrue(toAnn[1] < toAnn[0] && toAnn[2] < toAnn[0], "to the ANN: " + java.util.Arrays.toString(toAnn));
        // at T = L the SNN reproduces the ANN (QCFS: zero expected conversion error at T = L; here it is exact)
        assertTrue(toAnn[1] < 1e-9, "at T = L: " + toAnn[1]);
        for (int i = 1; i < ts.length; i++) {
            assertTrue(toLimit[i] < toLimit[i - 1], "error must fall as T grows: " + java.util.Arrays.toString(toLimit));
        }
        assertTrue(toLimit[ts.length - 1] < 0.2 * toLimit[0], java.util.Arrays.toString(toLimit));
    }

    @Test
    void annTwinsOfNamedModelsConvertAndTebnIsRejected() {
        ModelOptions o = ModelOptions.builder().inChannels(3).numClasses(4).inputSize(16).neurons(ModelsTest.LIF).build();
        for (String name : new String[] {"vggsnn", "resnet19", "small"}) {
            QcfsAnn ann = Models.createAnn(name, o, "add", QcfsConfig.standard());
            Module snn = ann.toSnn(LmhConfig.standard());
            long lmh = snn.namedModules().values().stream().filter(m -> m instanceof LmhNeuron).count();
            assertEquals(ann.activations().size(), lmh, name);
            assertEquals(ann.parameterCount() - lmh + 4 * lmh, snn.parameterCount(), name);
        }
        assertThrows(IllegalArgumentException.class,
                () -> Models.createAnn("vggsnn", o.toBuilder().tebn(4).build(), "add", QcfsConfig.standard()));
        assertThrows(IllegalArgumentException.class, () -> new QcfsConfig(0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new QcfsConfig(4, -1.0));
        for (Parameter p : Models.createAnn("small", o, "add", QcfsConfig.standard()).parameters()) {
            assertNotNull(p);
        }
    }
}
