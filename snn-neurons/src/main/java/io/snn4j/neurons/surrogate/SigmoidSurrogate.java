package io.snn4j.neurons.surrogate;

/**
 * Sigmoid surrogate of SpikingJelly ({@code surrogate.Sigmoid}):
 * {@code g'(x) = α·σ(αx)·(1 − σ(αx))}, the derivative of {@code σ(αx)}.
 *
 * @param alpha sharpness α ({@code > 0}, finite; default 4)
 */
public record SigmoidSurrogate(double alpha) implements Surrogate {

    public SigmoidSurrogate {
        Params.requirePositive("alpha", alpha);
    }

    /** α = 4, SpikingJelly's default. */
    public static SigmoidSurrogate standard() {
        return new SigmoidSurrogate(4.0);
    }

    @Override
    public double grad(double x) {
        double s = 1.0 / (1.0 + Math.exp(-alpha * x));
        return alpha * s * (1.0 - s);
    }

    @Override
    public float grad(float x) {
        float a = (float) alpha;
        float s = 1f / (1f + (float) Math.exp(-a * x));
        return a * s * (1f - s);
    }

    @Override
    public void gradInto(float[] h, int hOff, float theta, float[] out, int outOff, int len) {
        float a = (float) alpha;
        for (int i = 0; i < len; i++) {
            float s = 1f / (1f + (float) Math.exp(-a * (h[hOff + i] - theta)));
            out[outOff + i] = a * s * (1f - s);
        }
    }

    @Override
    public void gradInto(double[] h, int hOff, double theta, double[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            double s = 1.0 / (1.0 + Math.exp(-alpha * (h[hOff + i] - theta)));
            out[outOff + i] = alpha * s * (1.0 - s);
        }
    }

    @Override
    public String name() {
        return "sigmoid";
    }
}
