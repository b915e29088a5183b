package io.snn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Structural properties of the losses: the TET lemma, invariances, dtype, fusion and no-grad behaviour. */
class LossPropertiesTest {

    @Test
    void sdtNeverExceedsTetOnRandomOutputs() {
        // TET paper Lemma 4.1 (eq. 11): CE is convex in the logits, so CE(mean_t O) ≤ mean_t CE(O[t]) (Jensen);
        // it holds for any target distribution, so smoothed labels are covered too.
        SplittableRandom rng = new SplittableRandom(2022);
        int strict = 0;
        for (int trial = 0; trial < 300; trial++) {
            int t = 1 + rng.nextInt(6);
            int b = 1 + rng.nextInt(4);
            int k = 2 + rng.nextInt(8);
            double scale = 0.1 + 5 * rng.nextDouble();
            double eps = rng.nextBoolean() ? 0.0 : 0.5 * rng.nextDouble();
            Tensor o = Tensor.constant(Init.uniform(DataType.DOUBLE, new long[] {t, b, k}, -scale, scale, rng));
            int[] y = new int[b];
            for (int j = 0; j < b; j++) {
                y[j] = rng.nextInt(k);
            }
            double sdt = new SdtLoss(eps).loss(o, y).item();
            double tet = new TetLoss(eps).loss(o, y).item();
            String where = "trial " + trial + " T=" + t + " B=" + b + " K=" + k + " eps=" + eps;
            assertTrue(sdt <= tet + 1e-12, where + ": L_SDT " + sdt + " > L_TET " + tet);
            if (t == 1) {
                assertEquals(tet, sdt, 1e-12, where + ": with one step SDT and TET coincide");
            } else if (tet - sdt > 1e-3) {
                strict++;
            }
        }
        assertTrue(strict > 100, "the bound should usually be strict for T > 1, was strict in " + strict + " trials");
    }

    @Test
    void withOneTimeStepSdtTetAndLtsAgree() {
        Tensor o = Tensor.constant(Init.uniform(DataType.DOUBLE, new long[] {1, 3, 4}, -3, 3, new SplittableRandom(5)));
        int[] y = {3, 1, 0};
        double tet = new TetLoss().loss(o, y).item();
        assertEquals(tet, new SdtLoss().loss(o, y).item(), 1e-14);
        assertEquals(tet, new LtsLoss().loss(o, y).item(), 1e-14);
    }

    @Test
    void lossIsInvariantToAPerRowShiftAndStableForHugeLogits() {
        INDArray base = Init.uniform(DataType.DOUBLE, new long[] {3, 2, 4}, -2, 2, new SplittableRandom(9));
        int[] y = {1, 3};
        for (SpikingLoss loss : new SpikingLoss[] {new SdtLoss(0.1), new TetLoss(0.1), new LtsLoss(0.1)}) {
            double ref = loss.loss(Tensor.constant(base), y).item();
            double shifted = loss.loss(Tensor.constant(base.add(1e4)), y).item();
            assertEquals(ref, shifted, 1e-9, loss + ": CE must not change when every logit moves by a constant");
            double huge = loss.loss(Tensor.constant(base.mul(1e4)), y).item();
            assertTrue(Double.isFinite(huge), loss + ": loss of logits ~1e4 must be finite, got " + huge);
            Tensor hugeF = Tensor.variable(base.mul(1e4).castTo(DataType.FLOAT));
            Tensor l = loss.loss(hugeF, y);
            l.backward();
            assertTrue(Double.isFinite(l.item()), loss + ": FLOAT loss of logits ~1e4 must be finite");
            for (double g : hugeF.grad().castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
                assertTrue(Double.isFinite(g), loss + ": FLOAT gradient must be finite, got " + g);
            }
        }
    }

    @Test
    void resultAndGradientKeepTheOutputsDataType() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Tensor o = Tensor.variable(Init.uniform(dt, new long[] {2, 2, 3}, -1, 1, new SplittableRandom(1)));
            Tensor l = new MixedLoss(new SdtLoss(), 0.05).loss(o, new int[] {0, 2});
            assertEquals(dt, l.dataType());
            assertEquals(0, l.rank(), "the loss is a scalar");
            l.backward();
            assertEquals(dt, o.grad().dataType());
        }
    }

    @Test
    void eachLossIsRecordedAsOneNamedOp() {
        Tensor o = Tensor.variable(Init.uniform(DataType.DOUBLE, new long[] {2, 2, 3}, -1, 1, new SplittableRandom(2)));
        int[] y = {0, 1};
        assertEquals("sdt", new SdtLoss().loss(o, y).op());
        assertEquals("tet", new TetLoss().loss(o, y).op());
        assertEquals("tet-s", new TetSLoss().loss(o, y).op());
        assertEquals("tet-s", new TetLoss(0.01).loss(o, y).op());
        assertEquals("lts", new LtsLoss().loss(o, y).op());
        assertEquals("lts+mse", new MixedLoss(new LtsLoss(), 0.1).loss(o, y).op());
        assertEquals("mse", new MseRegularizer().loss(o).op());
    }

    @Test
    void underNoGradTheLossIsAConstantWithTheSameValue() {
        Tensor o = Tensor.variable(Init.uniform(DataType.DOUBLE, new long[] {3, 2, 3}, -1, 1, new SplittableRandom(3)));
        int[] y = {2, 1};
        SpikingLoss loss = new MixedLoss(new TetSLoss(), 0.2);
        double tracked = loss.loss(o, y).item();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor l = loss.loss(o, y);
            assertFalse(l.requiresGrad());
            assertEquals(tracked, l.item(), 0.0);
        }
    }

    @Test
    void gradientIsScaledByTheUpstreamSeedAndAccumulates() {
        Tensor o = Tensor.variable(Init.uniform(DataType.DOUBLE, new long[] {2, 1, 3}, -1, 1, new SplittableRandom(4)));
        int[] y = {1};
        new LtsLoss().loss(o, y).backward();
        INDArray once = o.grad().dup();
        o.zeroGrad();
        new LtsLoss().loss(o, y).mul(3.0).backward();
        assertTrue(once.mul(3.0).equalsWithEps(o.grad(), 1e-14));
        // LTS: only the last step receives a gradient, and each row's gradient (softmax − onehot) sums to zero
        assertEquals(0.0, once.slice(0).sumNumber().doubleValue(), 0.0);
        assertEquals(0.0, once.sumNumber().doubleValue(), 1e-15);
        assertTrue(once.slice(1).norm1Number().doubleValue() > 0.1);
    }

    @Test
    void aNonContiguousViewGivesTheSameLossAsItsContiguousCopy() {
        INDArray btk = Init.uniform(DataType.FLOAT, new long[] {2, 3, 4}, -2, 2, new SplittableRandom(6));
        INDArray view = btk.permute(1, 0, 2); // [T=3, B=2, K=4], strided
        int[] y = {3, 0};
        for (SpikingLoss loss : new SpikingLoss[] {
                new SdtLoss(), new TetLoss(), new LtsLoss(), new MixedLoss(new TetLoss(), 0.1)}) {
            double contiguous = loss.loss(Tensor.constant(view.dup('c')), y).item();
            assertEquals(contiguous, loss.loss(Tensor.constant(view), y).item(), 0.0, loss.toString());
            assertArrayEquals(loss.predict(view.dup('c')), loss.predict(view));
        }
    }
}
