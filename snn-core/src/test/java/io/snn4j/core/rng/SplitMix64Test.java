package io.snn4j.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void matchesTheReferenceImplementation() {
        // splitmix64.c (Vigna) with x = 0
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test
    void stateRestoresTheSequenceExactly() {
        SplitMix64 r = new SplitMix64(42);
        r.nextGaussian();
        r.nextInt(17);
        long s = r.state();
        SplitMix64 c = r.copy();
        double[] a = {r.nextDouble(), r.nextGaussian(), r.nextInt(1000), r.nextFloat(), r.nextLong(5, 99)};
        double[] b = {c.nextDouble(), c.nextGaussian(), c.nextInt(1000), c.nextFloat(), c.nextLong(5, 99)};
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        SplitMix64 restored = new SplitMix64(7);
        restored.setState(s);
        assertEquals(a[0], restored.nextDouble());
        assertEquals(a[1], restored.nextGaussian());
        assertNotEquals(new SplitMix64(1).nextLong(), new SplitMix64(2).nextLong());
    }

    @Test
    void doublesAreInTheUnitInterval() {
        SplitMix64 r = new SplitMix64(3);
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
            sum += d;
        }
        assertEquals(0.5, sum / 10_000, 0.02);
    }
}
