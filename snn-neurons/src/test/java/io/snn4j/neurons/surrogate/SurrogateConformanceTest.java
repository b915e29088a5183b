package io.snn4j.neurons.surrogate;

import io.snn4j.neurons.ConformanceCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SurrogateConformanceTest {

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"surrogate-triangle-g1", "surrogate-atan-a2", "surrogate-rectangle-w1",
            "surrogate-sigmoid-a4"})
    void gradAndSpikeMatchCaseInDoubleFloatAndBulk(String id) {
        ConformanceCase c = ConformanceCase.load(id);
        Surrogate s = ConformanceCase.surrogate((Map<String, Object>) c.root.get("surrogate"));
        double[] x = c.data("inputs", "x");
        double[] spikes = new double[x.length];
        double[] gd = new double[x.length];
        double[] gf = new double[x.length];
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            spikes[i] = Surrogate.heaviside(x[i]);
            assertEquals(spikes[i], Surrogate.heaviside((float) x[i]), 0.0);
            gd[i] = s.grad(x[i]);
            gf[i] = s.grad((float) x[i]);
            xf[i] = (float) x[i];
        }
        c.assertExact("spikes", c.data("expected", "spikes"), spikes);
        c.assertClose("grad", c.data("expected", "grad"), gd);
        c.assertClose("grad(float)", c.data("expected", "grad"), gf);
        // bulk row forms, with a threshold shift: g'(h − θ) for h = x + 0.5, θ = 0.5
        float[] hf = new float[x.length];
        double[] hd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            hf[i] = xf[i] + 0.5f;
            hd[i] = x[i] + 0.5;
        }
        float[] outF = new float[x.length + 1];
        double[] outD = new double[x.length + 1];
        s.gradInto(hf, 0, 0.5f, outF, 1, x.length);
        s.gradInto(hd, 0, 0.5, outD, 1, x.length);
        double[] bulkF = new double[x.length];
        double[] bulkD = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            bulkF[i] = outF[i + 1];
            bulkD[i] = outD[i + 1];
        }
        c.assertClose("gradInto(float)", c.data("expected", "grad"), bulkF);
        c.assertClose("gradInto(double)", c.data("expected", "grad"), bulkD);
    }
}
