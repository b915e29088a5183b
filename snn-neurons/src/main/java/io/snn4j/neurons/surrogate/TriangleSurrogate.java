package io.snn4j.neurons.surrogate;

/**
 * Triangle surrogate of TET (Deng et al., ICLR 2022, eq. 5): {@code g'(x) = (1/γ²)·max(0, γ − |x|)}.
 *
 * @param gamma half-width γ of the triangle ({@code > 0}, finite; default 1)
 */
public record TriangleSurrogate(double gamma) implements Surrogate {

    public TriangleSurrogate {
        Params.requirePositive("gamma", gamma);
    }

    /** γ = 1, the value TET, IMP, LM-H and MPE-PSN use. */
    public static TriangleSurrogate standard() {
        return new TriangleSurrogate(1.0);
    }

    @Override
    public double grad(double x) {
        return Math.max(0.0, gamma - Math.abs(x)) / (gamma * gamma);
    }

    @Override
    public float grad(float x) {
        float g = (float) gamma;
        return Math.max(0f, g - Math.abs(x)) * (float) (1.0 / (gamma * gamma));
    }

    @Override
    public void gradInto(float[] h, int hOff, float theta, float[] out, int outOff, int len) {
        float g = (float) gamma;
        float inv = (float) (1.0 / (gamma * gamma));
        for (int i = 0; i < len; i++) {
            out[outOff + i] = Math.max(0f, g - Math.abs(h[hOff + i] - theta)) * inv;
        }
    }

    @Override
    public void gradInto(double[] h, int hOff, double theta, double[] out, int outOff, int len) {
        double inv = 1.0 / (gamma * gamma);
        for (int i = 0; i < len; i++) {
            out[outOff + i] = Math.max(0.0, gamma - Math.abs(h[hOff + i] - theta)) * inv;
        }
    }

    @Override
    public String name() {
        return "triangle";
    }
}
