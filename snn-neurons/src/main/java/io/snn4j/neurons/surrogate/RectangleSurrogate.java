package io.snn4j.neurons.surrogate;

/**
 * Rectangle surrogate of STBP (Wu et al., Front. Neurosci. 2018, eq. 9 "rectangular" curve):
 * {@code g'(x) = (1/w)·1[|x| < w/2]} with a strict inequality (the edges give 0).
 *
 * @param width window width w ({@code > 0}, finite; default 1)
 */
public record RectangleSurrogate(double width) implements Surrogate {

    public RectangleSurrogate {
        Params.requirePositive("width", width);
    }

    /** w = 1. */
    public static RectangleSurrogate standard() {
        return new RectangleSurrogate(1.0);
    }

    @Override
    public double grad(double x) {
        return Math.abs(x) < width / 2.0 ? 1.0 / width : 0.0;
    }

    @Override
    public float grad(float x) {
        return Math.abs(x) < (float) (width / 2.0) ? (float) (1.0 / width) : 0f;
    }

    @Override
    public void gradInto(float[] h, int hOff, float theta, float[] out, int outOff, int len) {
        float half = (float) (width / 2.0);
        float inv = (float) (1.0 / width);
        for (int i = 0; i < len; i++) {
            out[outOff + i] = Math.abs(h[hOff + i] - theta) < half ? inv : 0f;
        }
    }

    @Override
    public void gradInto(double[] h, int hOff, double theta, double[] out, int outOff, int len) {
        double half = width / 2.0;
        double inv = 1.0 / width;
        for (int i = 0; i < len; i++) {
            out[outOff + i] = Math.abs(h[hOff + i] - theta) < half ? inv : 0.0;
        }
    }

    @Override
    public String name() {
        return "rectangle";
    }
}
