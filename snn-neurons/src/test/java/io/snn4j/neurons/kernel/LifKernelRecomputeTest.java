package io.snn4j.neurons.kernel;

import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.surrogate.Surrogate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.snn4j.neurons.kernel.GradCheck.vals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The recomputing LIF kernel (no saved h) against the previous implementation that stored h
 * ({@link LegacyLifLoopsF}/{@link LegacyLifLoopsD}, verbatim copies): spikes, final state and all
 * gradients must be bit-identical. Plus the caller-owned-output API ({@code forwardInto},
 * {@code backwardInto}): buffer reuse over many cycles, dropped graphs, repeated backward.
 */
class LifKernelRecomputeTest {

    /** Several forward blocks plus a ragged tail (not a multiple of 16). */
    /** Two full forward blocks of {@link LifLoops#BLOCK} and a partial one, not a multiple of the chunk alignment. */
    private static final int N = 2 * LifLoops.BLOCK + 1643;

    private static INDArray random(Random r, DataType dt, double lo, double hi, long... shape) {
        long len = 1;
        for (long d : shape) {
            len *= d;
        }
        return Nd4j.create(GradCheck.uniform(r, (int) len, lo, hi), shape, 'c').castTo(dt);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ResetMode reset : ResetMode.values()) {
            for (boolean detach : new boolean[] {false, true}) {
                for (int steps : new int[] {1, 8, 33}) {
                    for (String v0 : new String[] {"none", "sample", "full"}) {
                        for (String spike : new String[] {"triangle", "arctan", "rectangle", "sigmoid"}) {
                            for (boolean parallel : new boolean[] {false, true}) {
                                out.add(Arguments.of(reset, detach, steps, v0, spike, parallel));
                            }
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * The kernel (one charge/fire/reset and one BPTT loop body, recomputing h in backward) against
     * a verbatim copy of the loops it replaced (hard/soft/detach/triangle specialisations, h
     * stored): every output bit-identical, for every option.
     */
    @ParameterizedTest(name = "{0} detach={1} T={2} v0={3} surrogate={4} parallel={5}")
    @MethodSource("cases")
    void bitIdenticalToTheSpecialisedStoredMembraneLoops(ResetMode reset, boolean detach, int steps,
                                                         String v0Mode, String spike, boolean parallel) {
        DataType dt = DataType.FLOAT;
        Random r = new Random(steps * 31L + reset.ordinal() * 7L + (detach ? 1 : 0));
        Surrogate sg = switch (spike) {
            case "triangle" -> Surrogate.triangle();
            case "arctan" -> Surrogate.arctan();
            case "rectangle" -> Surrogate.rectangle();
            default -> Surrogate.sigmoid();
        };
        LifConfig c = LifConfig.tet().toBuilder().resetMode(reset).detachReset(detach).surrogate(sg).build();
        SpikeFunction fn = new HeavisideSpike(c.surrogate());
        CpuLifKernel kernel = new CpuLifKernel(parallel);
        INDArray x = random(r, dt, -0.5, 1.5, steps, N);
        INDArray gs = random(r, dt, -1, 1, steps, N);
        INDArray gvf = random(r, dt, -1, 1, N);
        INDArray v0 = switch (v0Mode) {
            case "sample" -> random(r, dt, -0.3, 0.6, 9); // M = 9 divides N = 18027
            case "full" -> random(r, dt, -0.3, 0.6, N);
            default -> null;
        };
        boolean hard = reset == ResetMode.HARD;

        LifForward f = kernel.forward(c, x, v0, true);
        LifGradients g = kernel.backward(f.saved(), gs, gvf);

        INDArray ls = Nd4j.createUninitialized(dt, new long[] {steps, N}, 'c');
        INDArray lm = Nd4j.createUninitialized(dt, new long[] {steps, N}, 'c');
        INDArray lv = Nd4j.createUninitialized(dt, new long[] {N}, 'c');
        INDArray lgx = Nd4j.createUninitialized(dt, new long[] {steps, N}, 'c');
        float[] h = new float[steps * N];
        float[] v0f = v0 == null ? null : v0.data().asFloat();
        LegacyLifLoopsF.forward(fn, (float) c.decay(), (float) c.gain(), (float) c.threshold(), hard,
                fb(x), fb(ls), fb(lm), fb(lv), v0f, h, steps, N, 0, N);
        float[] gv0 = v0 == null ? null : new float[N];
        LegacyLifLoopsF.backward(fn, (float) c.decay(), (float) c.gain(), (float) c.threshold(), hard, detach,
                h, fb(gs), fb(gvf), fb(lgx), gv0, steps, N, 0, N);
        assertArrayEquals(vals(ls), vals(f.spikes()), 0.0, "spikes");
        assertArrayEquals(vals(lm), vals(f.membrane()), 0.0, "membrane");
        assertArrayEquals(vals(lv), vals(f.vFinal()), 0.0, "vFinal");
        assertArrayEquals(vals(lgx), vals(g.gradX()), 0.0, "gradX");
        double legacyCount = 0;
        for (double v : vals(ls)) {
            legacyCount += v;
        }
        assertEquals(legacyCount, f.spikeCount(), 0.0, "spike count");
        if (v0 == null) {
            assertNull(g.gradVInit());
        } else {
            double[] gv0Full = new double[N];
            for (int i = 0; i < N; i++) {
                gv0Full[i] = gv0[i];
            }
            double[] expect = CpuLifKernel.sumOverBatch(gv0Full, (int) v0.length());
            INDArray e = Nd4j.create(expect, v0.shape(), DataType.DOUBLE).castTo(dt);
            assertArrayEquals(vals(e), vals(g.gradVInit()), 0.0, "gradVInit");
        }
    }

    private static FloatBuffer fb(INDArray a) {
        return NdIo.floats(a);
    }

    @Test
    void intoVariantsReuseBuffersAndMatchAllocatingCalls() {
        int steps = 8;
        LifConfig c = LifConfig.tet();
        LifKernel k = LifKernel.cpu();
        Random r = new Random(5);
        INDArray v0 = random(r, DataType.FLOAT, -0.2, 0.4, 9);
        INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, N}, 'c');
        INDArray vFinal = Nd4j.createUninitialized(DataType.FLOAT, new long[] {N}, 'c');
        INDArray gradX = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, N}, 'c');
        for (int cycle = 0; cycle < 20; cycle++) {
            INDArray x = random(r, DataType.FLOAT, -0.5, 1.5, steps, N);
            INDArray gs = random(r, DataType.FLOAT, -1, 1, steps, N);
            // a forward whose graph is dropped without backward must not affect anything
            k.forwardInto(c, random(r, DataType.FLOAT, -3, 3, steps, N), steps, v0,
                    Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, N}, 'c'), null, null);
            LifForward expectF = k.forward(c, x, steps, v0, false);
            LifGradients expectG = k.backward(expectF.saved(), gs, null);

            LifForward f = k.forwardInto(c, x, steps, v0, spikes, null, vFinal);
            assertSame(spikes, f.spikes());
            assertSame(vFinal, f.vFinal());
            // another forward into other buffers between this forward and its backward
            k.forward(c, random(r, DataType.FLOAT, -3, 3, steps, N), v0, false);
            LifGradients g = k.backwardInto(f.saved(), gs, null, gradX);
            assertSame(gradX, g.gradX());
            assertArrayEquals(vals(expectF.spikes()), vals(spikes), 0.0);
            assertArrayEquals(vals(expectF.vFinal()), vals(vFinal), 0.0);
            assertArrayEquals(vals(expectG.gradX()), vals(gradX), 0.0);
            assertArrayEquals(vals(expectG.gradVInit()), vals(g.gradVInit()), 0.0);
            // backward is repeatable on one saved state (retained graph), also in place over gs
            LifGradients again = k.backward(f.saved(), gs, null);
            assertArrayEquals(vals(expectG.gradX()), vals(again.gradX()), 0.0);
            INDArray gsCopy = gs.dup();
            LifGradients inPlace = k.backwardInto(f.saved(), gsCopy, null, gsCopy);
            assertSame(gsCopy, inPlace.gradX());
            assertArrayEquals(vals(expectG.gradX()), vals(gsCopy), 0.0);
        }
    }

    @Test
    void parallelIntoMatchesSerial() {
        int steps = 40;
        LifConfig c = LifConfig.tet().toBuilder().resetMode(ResetMode.SOFT).build();
        Random r = new Random(9);
        int n = 9 * 1024 + 3;
        INDArray x = random(r, DataType.FLOAT, -0.5, 1.5, steps, n);
        INDArray gs = random(r, DataType.FLOAT, -1, 1, steps, n);
        LifForward fs = LifKernel.cpu().forward(c, x, null, false);
        LifGradients gSerial = LifKernel.cpu().backward(fs.saved(), gs, null);
        LifKernel par = LifKernel.cpuParallel();
        INDArray s = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, n}, 'c');
        INDArray gx = Nd4j.createUninitialized(DataType.FLOAT, new long[] {steps, n}, 'c');
        LifForward fp = par.forwardInto(c, x, steps, null, s, null, null);
        par.backwardInto(fp.saved(), gs, null, gx);
        assertArrayEquals(vals(fs.spikes()), vals(s), 0.0);
        assertArrayEquals(vals(gSerial.gradX()), vals(gx), 0.0);
    }

    @Test
    void nonDenseInputIsCopiedAndSurvivesChangesToTheOriginal() {
        int steps = 4;
        LifConfig c = LifConfig.tet();
        Random r = new Random(11);
        INDArray big = random(r, DataType.FLOAT, -0.5, 1.5, steps, 2 * 100);
        INDArray x = big.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 100));
        INDArray gs = random(r, DataType.FLOAT, -1, 1, steps, 100);
        LifForward f = LifKernel.cpu().forward(c, x, null, false);
        LifGradients expect = LifKernel.cpu().backward(f.saved(), gs, null);
        assertEquals(4L * steps * 100, f.saved().sizeBytes());
        big.assign(7.0);
        LifGradients after = LifKernel.cpu().backward(f.saved(), gs, null);
        assertArrayEquals(vals(expect.gradX()), vals(after.gradX()), 0.0);
    }

    @Test
    void intoRejectsAliasingAndViews() {
        int steps = 4;
        int n = 32;
        LifConfig c = LifConfig.tet();
        LifKernel k = LifKernel.cpu();
        Random r = new Random(12);
        INDArray x = random(r, DataType.FLOAT, -0.5, 1.5, steps, n);
        INDArray gs = random(r, DataType.FLOAT, -1, 1, steps, n);
        assertThrows(IllegalArgumentException.class, () -> k.forwardInto(c, x, steps, null, x, null, null));
        INDArray wide = Nd4j.create(DataType.FLOAT, steps, 2 * n);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n));
        assertThrows(IllegalArgumentException.class, () -> k.forwardInto(c, x, steps, null, view, null, null));
        assertThrows(IllegalArgumentException.class, () -> k.forwardInto(c, x, steps, null,
                Nd4j.create(DataType.DOUBLE, steps, n), null, null));
        assertThrows(IllegalArgumentException.class, () -> k.forwardInto(c, x, steps, null,
                Nd4j.create(DataType.FLOAT, steps, n + 1), null, null));
        LifForward f = k.forward(c, x, null, false);
        assertThrows(IllegalArgumentException.class, () -> k.backwardInto(f.saved(), gs, null, x));
        assertThrows(IllegalArgumentException.class, () -> k.backwardInto(f.saved(), gs, null, view));
    }
}
