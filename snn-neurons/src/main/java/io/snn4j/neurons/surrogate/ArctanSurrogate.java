package io.snn4j.neurons.surrogate;

/**
 * Arctan surrogate of SpikingJelly ({@code surrogate.ATan}):
 * {@code g'(x) = (α/2) / (1 + (π/2·α·x)²)}, the derivative of {@code (1/π)·arctan(π/2·α·x) + 1/2}.
 *
 * @param alpha sharpness α ({@code > 0}, finite; default 2)
 */
public record ArctanSurrogate(double alpha) implements Surrogate {

    public ArctanSurrogate {
        Params.requirePositive("alpha", alpha);
    }

    /** α = 2, SpikingJelly's default. */
    public static ArctanSurrogate standard() {
        return new ArctanSurrogate(2.0);
    }

    @Override
    public double grad(double x) {
        double u = Math.PI / 2.0 * alpha * x;
        return (alpha / 2.0) / (1.0 + u * u);
    }

    @Override
    public float grad(float x) {
        float u = (float) (Math.PI / 2.0 * alpha) * x;
        return (float) (alpha / 2.0) / (1f + u * u);
    }

    @Override
    public void gradInto(float[] h, int hOff, float theta, float[] out, int outOff, int len) {
        float k = (float) (Math.PI / 2.0 * alpha);
        float half = (float) (alpha / 2.0);
        for (int i = 0; i < len; i++) {
            float u = k * (h[hOff + i] - theta);
            out[outOff + i] = half / (1f + u * u);
        }
    }

    @Override
    public void gradInto(double[] h, int hOff, double theta, double[] out, int outOff, int len) {
        double k = Math.PI / 2.0 * alpha;
        double half = alpha / 2.0;
        for (int i = 0; i < len; i++) {
            double u = k * (h[hOff + i] - theta);
            out[outOff + i] = half / (1.0 + u * u);
        }
    }

    @Override
    public String name() {
        return "atan";
    }
}
