package io.snn4j.neurons.surrogate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.DoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurrogateTest {

    @Test
    void specHandValuesTriangleArctanRectangle() {
        Surrogate tri = Surrogate.triangle();
        assertEquals(0.5, tri.grad(-0.5), 1e-12);
        assertEquals(1.0, tri.grad(0.0), 1e-12);
        assertEquals(0.75, tri.grad(0.25), 1e-12);
        assertEquals(0.618486, Surrogate.arctan().grad(0.25), 1e-6);
        assertEquals(0.0, Surrogate.rectangle().grad(0.5), 0.0);
        assertEquals(0.0, Surrogate.rectangle().grad(-0.5), 0.0);
        assertEquals(1.0, Surrogate.rectangle().grad(0.4999), 0.0);
        assertEquals(1.0, Surrogate.sigmoid().grad(0.0), 1e-12); // α·¼ with α = 4
    }

    @Test
    void heavisideIsStrict() {
        assertEquals(0.0, Surrogate.heaviside(0.0), 0.0);
        assertEquals(0f, Surrogate.heaviside(0f), 0f);
        assertEquals(1.0, Surrogate.heaviside(Double.MIN_VALUE), 0.0);
        assertEquals(0.0, Surrogate.heaviside(-1e-9), 0.0);
    }

    @Test
    void defaultsAreTheSourcesValues() {
        assertEquals(1.0, TriangleSurrogate.standard().gamma());
        assertEquals(2.0, ArctanSurrogate.standard().alpha());
        assertEquals(1.0, RectangleSurrogate.standard().width());
        assertEquals(4.0, SigmoidSurrogate.standard().alpha());
        assertEquals("triangle", Surrogate.triangle().name());
        assertEquals("atan", Surrogate.arctan().name());
        assertEquals("rectangle", Surrogate.rectangle().name());
        assertEquals("sigmoid", Surrogate.sigmoid().name());
    }

    @Test
    void valueSemantics() {
        assertEquals(new TriangleSurrogate(0.5), new TriangleSurrogate(0.5));
        assertEquals(new TriangleSurrogate(0.5).hashCode(), new TriangleSurrogate(0.5).hashCode());
        assertNotEquals(new TriangleSurrogate(0.5), new TriangleSurrogate(1.0));
        assertTrue(new ArctanSurrogate(3.0).toString().contains("3.0"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void invalidParametersAreRejectedNamingTheParameter(double bad) {
        assertRejected("gamma", TriangleSurrogate::new, bad);
        assertRejected("alpha", ArctanSurrogate::new, bad);
        assertRejected("width", RectangleSurrogate::new, bad);
        assertRejected("alpha", SigmoidSurrogate::new, bad);
    }

    private static void assertRejected(String name, DoubleFunction<Surrogate> ctor, double bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ctor.apply(bad));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void gradIsDerivativeOfTheSmoothPrimitives() {
        // arctan and sigmoid are derivatives of known primitives: check by central differences
        double a = 2.0;
        double eps = 1e-6;
        for (double x : new double[] {-0.7, -0.1, 0.3, 1.2}) {
            double atanNum = (atanPrimitive(a, x + eps) - atanPrimitive(a, x - eps)) / (2 * eps);
            assertEquals(atanNum, new ArctanSurrogate(a).grad(x), 1e-8);
            double sigNum = (sig(4 * (x + eps)) - sig(4 * (x - eps))) / (2 * eps);
            assertEquals(sigNum, new SigmoidSurrogate(4).grad(x), 1e-8);
        }
    }

    private static double atanPrimitive(double a, double x) {
        return Math.atan(Math.PI / 2 * a * x) / Math.PI + 0.5;
    }

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
