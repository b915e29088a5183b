package io.snn4j.neurons;

import io.snn4j.neurons.kernel.LifKernel;
import io.snn4j.neurons.kernel.LmhKernel;
import io.snn4j.neurons.kernel.LmhParams;
import io.snn4j.neurons.kernel.MpePsnKernel;
import io.snn4j.neurons.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid hyperparameters and arguments are rejected with the offending name in the message. */
class ValidationTest {

    private static void rejected(Executable e, String... mustContain) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String s : mustContain) {
            assertTrue(ex.getMessage().contains(s), "'" + ex.getMessage() + "' should mention " + s);
        }
    }

    @Test
    void lifConfigRejectsBadValuesNamingThem() {
        rejected(() -> LifConfig.builder().decay(1.5).build(), "decay");
        rejected(() -> LifConfig.builder().decay(Double.NaN).build(), "decay");
        rejected(() -> LifConfig.builder().gain(0).build(), "gain");
        rejected(() -> LifConfig.builder().gain(Double.POSITIVE_INFINITY).build(), "gain");
        rejected(() -> LifConfig.builder().threshold(-1).build(), "threshold");
        rejected(() -> LifConfig.builder().resetMode(null).build(), "resetMode");
        rejected(() -> LifConfig.builder().surrogate(null).build(), "surrogate");
        rejected(() -> LifConfig.spikingJelly(1.0), "tau");
        rejected(() -> LifConfig.spikingJelly(Double.NaN), "tau");
    }

    @Test
    void presetsCarryTheirSourcesValues() {
        LifConfig tet = LifConfig.tet();
        assertEquals(0.5, tet.decay());
        assertEquals(ResetMode.HARD, tet.resetMode());
        assertEquals(Surrogate.triangle(), tet.surrogate());
        assertEquals(0.25, LifConfig.impLegacy().decay());
        LifConfig sj = LifConfig.spikingJelly(2.0);
        assertEquals(0.5, sj.decay(), 0.0);
        assertEquals(0.5, sj.gain(), 0.0);
        assertEquals(ResetMode.HARD, sj.resetMode());
        assertEquals(1.0, LifConfig.integrateAndFire().decay());
        assertEquals(tet, tet.toBuilder().build());
        assertEquals(tet.hashCode(), LifConfig.builder().build().hashCode());
    }

    @Test
    void otherConfigsRejectBadValuesNamingThem() {
        rejected(() -> new LmhConfig(0, Surrogate.triangle()), "threshold");
        rejected(() -> new LmhConfig(1, null), "surrogate");
        rejected(() -> MpePsnConfig.standard().withTau(1.2), "tau");
        rejected(() -> MpePsnConfig.standard().withInitialThreshold(0), "initialThreshold");
        rejected(() -> V0Init.uniform(0.6, 0.4), "lo", "hi");
        rejected(() -> new LmhParams(Double.NaN, 0, 0, 0), "a1");
        assertEquals(new V0Init(-0.2, 0.2), V0Init.dvs48());
        double[] v = V0Init.standard().sample(100, new java.util.SplittableRandom(1));
        for (double d : v) {
            assertTrue(d >= 0.4 && d < 0.6);
        }
    }

    @Test
    void vInitLengthNotDividingNIsRejectedNamingBothSizes() {
        var x = Nd4j.zeros(DataType.FLOAT, 4, 2, 6);
        rejected(() -> LifKernel.cpu().forward(LifConfig.tet(), x, Nd4j.zeros(DataType.FLOAT, 5), false),
                "vInit", "5", "12");
        rejected(() -> LmhKernel.cpu().forward(LmhConfig.standard(), LmhParams.init(), x,
                Nd4j.zeros(DataType.FLOAT, 7), null, false), "vD0", "7", "12");
    }

    @Test
    void unsupportedDataTypesAndMismatchesAreRejected() {
        rejected(() -> LifKernel.cpu().forward(LifConfig.tet(), Nd4j.zeros(DataType.INT, 4, 3), null, false),
                "x", "FLOAT or DOUBLE", "INT");
        rejected(() -> LifKernel.cpu().forward(LifConfig.tet(), Nd4j.zeros(DataType.DOUBLE, 4, 3), null, false),
                "FLOAT", "DOUBLE", "generic path");
        rejected(() -> LifKernel.cpu().forward(LifConfig.tet(), Nd4j.zeros(DataType.HALF, 4, 3), null, false),
                "HALF");
        rejected(() -> LmhKernel.cpu().forward(LmhConfig.standard(), LmhParams.init(), Nd4j.zeros(DataType.DOUBLE, 4, 3),
                null, null, false), "FLOAT", "DOUBLE", "ReferenceLmh", "LmhNeuron");
        rejected(() -> MpePsnKernel.cpu().forward(MpePsnConfig.standard(), Nd4j.zeros(DataType.DOUBLE, 4, 3),
                Nd4j.zeros(DataType.DOUBLE, 4, 3), 1.0, Nd4j.zeros(DataType.DOUBLE, 4), false),
                "FLOAT", "DOUBLE", "ReferenceMpePsn", "MpePsnNeuron");
        var f = LifKernel.cpu().forward(LifConfig.tet(), Nd4j.zeros(DataType.FLOAT, 4, 3), null, false);
        rejected(() -> LifKernel.cpu().backward(f.saved(), Nd4j.zeros(DataType.DOUBLE, 4, 3), null),
                "gradSpikes", "DOUBLE");
        rejected(() -> LifKernel.cpu().backward(f.saved(), Nd4j.zeros(DataType.FLOAT, 4, 4), null),
                "gradSpikes", "16", "12");
        rejected(() -> MpePsnKernel.cpu().forward(MpePsnConfig.standard(), Nd4j.zeros(DataType.FLOAT, 4, 3),
                Nd4j.valueArrayOf(new long[] {4, 3}, 0.5f), 1.0, Nd4j.zeros(DataType.FLOAT, 4), false), "mask");
        rejected(() -> MpePsnKernel.cpu().forward(MpePsnConfig.standard(), Nd4j.zeros(DataType.FLOAT, 4, 3),
                Nd4j.zeros(DataType.FLOAT, 4, 3), 1.0, Nd4j.zeros(DataType.FLOAT, 3), false), "coef");
    }
}
