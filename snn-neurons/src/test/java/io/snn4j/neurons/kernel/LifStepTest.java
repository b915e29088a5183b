package io.snn4j.neurons.kernel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vectorisable Heaviside {@code step(h − θ)} of the LIF loops equals the previous sign-bit form
 * {@code signbit(θ − h)} bit for bit for every non-NaN input, including ties, ±0, subnormals and
 * infinities (it differs only for NaN h, where it gives NaN).
 */
class LifStepTest {

    private static float signBitF(float h, float theta) {
        return Float.floatToRawIntBits(theta - h) >>> 31;
    }

    @Test
    void floatStepMatchesSignBitForm() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f,
            -1f, Math.nextUp(1f), Math.nextDown(1f), Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 0.5f, 1e-30f, -1e-30f};
        float[] thetas = {1f, 0f, 0.5f, -0.25f, Float.MIN_VALUE};
        for (float theta : thetas) {
            for (float h : special) {
                if (Float.isInfinite(h) && Float.isInfinite(theta - h) && theta - h != theta - h) {
                    continue;
                }
                assertEquals(Float.floatToRawIntBits(signBitF(h, theta)),
                        Float.floatToRawIntBits(LifLoops.step(h - theta)), "h=" + h + " theta=" + theta);
            }
        }
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 1_000_000; i++) {
            float theta = (float) r.nextDouble(-2, 2);
            float h = r.nextInt(8) == 0 ? theta : (r.nextInt(4) == 0 ? Math.nextUp(theta) : (float) r.nextDouble(-3, 3));
            assertEquals(Float.floatToRawIntBits(signBitF(h, theta)), Float.floatToRawIntBits(LifLoops.step(h - theta)));
        }
    }
}
