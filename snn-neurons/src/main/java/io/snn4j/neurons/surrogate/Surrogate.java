package io.snn4j.neurons.surrogate;

/**
 * Surrogate gradient of the spike function (docs/spec.md §1; TET, Deng et al. ICLR 2022, eq. 5
 * and the SpikingJelly / STBP alternatives): forward is the strict Heaviside {@code 1[x > 0]},
 * backward uses {@code g'(x)} for {@code x = h − θ}.
 *
 * <p>Open: a user's surrogate is one class implementing {@link #grad(double)}, {@link
 * #grad(float)} and {@link #name()} (docs/extending.md). It works everywhere a built-in one does:
 * in the generic neuron path ({@link SpikeOp}) and in the fused kernels, which call the bulk
 * {@link #gradInto(float[], int, float, float[], int, int)} once per row of elements. The built-in
 * surrogates override the bulk methods with their own monomorphic, auto-vectorised loops, so the
 * kernels run them inlined without knowing their classes.
 *
 * <p>Implementations are immutable value objects (records are a good fit: equals and hashCode
 * then cover the parameters).
 */
public interface Surrogate {

    /** {@code g'(x)} in double precision. */
    double grad(double x);

    /** {@code g'(x)} in single precision. */
    float grad(float x);

    /** Short name as used by the conformance format: triangle, atan, rectangle, sigmoid. */
    String name();

    /** {@code out[outOff + i] = g'(h[hOff + i] − theta)} for {@code i < len}. */
    default void gradInto(float[] h, int hOff, float theta, float[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = grad(h[hOff + i] - theta);
        }
    }

    /** {@code out[outOff + i] = g'(h[hOff + i] − theta)} for {@code i < len}. */
    default void gradInto(double[] h, int hOff, double theta, double[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = grad(h[hOff + i] - theta);
        }
    }

    /** The forward spike: strict Heaviside, {@code 1} when {@code x > 0} (ties do not fire). */
    static double heaviside(double x) {
        return x > 0.0 ? 1.0 : 0.0;
    }

    /** The forward spike: strict Heaviside, {@code 1} when {@code x > 0} (ties do not fire). */
    static float heaviside(float x) {
        return x > 0f ? 1f : 0f;
    }

    /** Triangle with γ = 1 (TET eq. 5). */
    static TriangleSurrogate triangle() {
        return TriangleSurrogate.standard();
    }

    /** Arctan with α = 2 (SpikingJelly {@code ATan}). */
    static ArctanSurrogate arctan() {
        return ArctanSurrogate.standard();
    }

    /** Rectangle with w = 1 (STBP, Wu et al. 2018). */
    static RectangleSurrogate rectangle() {
        return RectangleSurrogate.standard();
    }

    /** Sigmoid with α = 4 (SpikingJelly {@code Sigmoid}). */
    static SigmoidSurrogate sigmoid() {
        return SigmoidSurrogate.standard();
    }

}
