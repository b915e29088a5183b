package io.snn4j.core.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.autograd.GradCheck;
import io.snn4j.core.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class QcfsTest {
    static final int L = 4;

    static Tensor var(double... v) {
        return Tensor.variable(Nd4j.createFromArray(v));
    }

    @Test
    void forwardQuantisesToLLevelsOfLambdaOverLAndClips() {
        Tensor z = Tensor.constant(Nd4j.createFromArray(-1, -0.2, 0.1, 0.26, 0.9, 1.9, 2.2, 5.0));
        Tensor a = Qcfs.apply(z, Tensor.constant(Nd4j.createFromArray(2.0)), L);
        // n = floor(2z + 1/2) = [-2, 0, 0, 1, 2, 4, 4, 10] → clip → [0, 0, 0, 1, 2, 4, 4, 4] · λ/L
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 1, 2, 2, 2}, a.value().toDoubleVector(), 1e-12);
    }

    @Test
    void gradientsAreExactWhereTheActivationIsSaturated() {
        // below −λ/2L (a = 0) and above λ + λ/2L (a = λ) the activation is differentiable and STE plays no part
        GradCheck.defaults().assertGradientsMatch(t -> Qcfs.apply(t[0], t[1], L),
                var(-3.0, -1.5, -0.7, 2.4, 4.0, 6.0), var(2.0));
    }

    @Test
    void insideTheRangeTheGradientIsTheStraightThroughEstimatorsOfThePaper() {
        double lam = 2.0;
        // n = floor(z·L/λ + 1/2) in 1..L−1 and the fractional parts away from 0, so no kink lies within ε
        double[] zs = {0.3, 0.55, 0.8, 1.1, 1.35, 1.6};
        INDArray y0 = Nd4j.createFromArray(zs).mul(L / lam).addi(0.5);
        INDArray d = Transforms.floor(y0, true).subi(y0);              // rounding offset, held constant
        Tensor dConst = Tensor.constant(d);
        // reference: λ/L · clip(z·L/λ + 1/2 + d, 0, L), a smooth function whose gradient is the STE's
        java.util.function.Function<Tensor[], Tensor> ref = t -> {
            Tensor y = t[0].mul(L).div(t[1]).add(0.5).add(dConst);
            return t[1].mul(y.relu().sub(y.sub(L).relu())).div(L);
        };
        Tensor z1 = var(zs);
        Tensor l1 = var(lam);
        GradCheck.defaults().assertGradientsMatch(ref, z1, l1);           // the reference's tape matches FD
        INDArray proj = Nd4j.createFromArray(0.3, -1.2, 0.7, 2.0, -0.4, 1.1);
        z1.zeroGrad();
        l1.zeroGrad();
        Tensor r = ref.apply(new Tensor[] {z1, l1});
        Tensor z2 = var(zs);
        Tensor l2 = var(lam);
        Tensor q = Qcfs.apply(z2, l2, L);
        assertArrayEquals(r.value().toDoubleVector(), q.value().toDoubleVector(), 1e-12, "same forward values");
        r.backward(proj);
        q.backward(proj);
        assertArrayEquals(z1.grad().toDoubleVector(), z2.grad().toDoubleVector(), 1e-12);
        assertEquals(l1.grad().getDouble(0), l2.grad().getDouble(0), 1e-12);
        // and the closed form: ∂a/∂λ = n/L − z/λ inside the range
        double expected = 0;
        for (int i = 0; i < zs.length; i++) {
            double n = Math.floor(zs[i] * L / lam + 0.5);
            expected += proj.getDouble(i) * (n / L - zs[i] / lam);
        }
        assertEquals(expected, l2.grad().getDouble(0), 1e-12);
    }

    @Test
    void theClipPassesTheGradientAtBothEndsInclusive() {
        // λ = 2, L = 4: n = 0 at z = −0.2, n = L at z = 2.2, n = L + 1 at z = 2.3, n = −1 at z = −0.3
        Tensor z = var(-0.3, -0.2, 2.2, 2.3);
        Tensor lam = var(2.0);
        Qcfs.apply(z, lam, L).sum().backward();
        assertArrayEquals(new double[] {0, 1, 1, 0}, z.grad().toDoubleVector(), 0.0);
        // λ gradient: 0 + (0 − (−0.2)/2) + (1 − 2.2/2) + 1
        assertEquals(0.1 + (1 - 1.1) + 1, lam.grad().getDouble(0), 1e-12);
    }

    @Test
    void matchesTheAutogradOfTheQcfsReferenceCode() {
        // expected values from PyTorch (float64) running the reference code's MyFloor (putshua/SNN_conversion_QCFS,
        // modules.py: x/up → GradFloor(x·t + 0.5)/t → clamp(0, 1) → ·up) with up = 2, t = 4, and this projection
        Tensor z = var(-1.0, -0.3, -0.2, 0.1, 0.26, 0.9, 1.37, 1.9, 2.2, 2.3, 5.0);
        Tensor lam = var(2.0);
        INDArray proj = Nd4j.createFromArray(0.3, -1.2, 0.7, 2.0, -0.4, 1.1, 0.5, -0.8, 1.3, 0.9, -0.6);
        Tensor a = Qcfs.apply(z, lam, L);
        a.backward(proj);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 1, 1.5, 2, 2, 2, 2}, a.value().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0.7, 2.0, -0.4, 1.1, 0.5, -0.8, 1.3, 0, 0}, z.grad().toDoubleVector(), 1e-12);
        assertEquals(0.13949999999999974, lam.grad().getDouble(0), 1e-12);
    }

    @Test
    void floatRunsAndBadArgumentsAreRejectedByName() {
        Tensor zf = Tensor.constant(Nd4j.createFromArray(0.3f, 1.7f));
        Tensor a = Qcfs.apply(zf, Tensor.constant(Nd4j.createFromArray(1f)), 2);
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new float[] {0.5f, 1f}, a.value().toFloatVector());
        Tensor lam = Tensor.constant(Nd4j.createFromArray(1.0));
        Tensor z = Tensor.constant(Nd4j.createFromArray(1.0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Qcfs.apply(z, lam, 0)).getMessage().contains("levels"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Qcfs.apply(z, Tensor.constant(Nd4j.createFromArray(-1.0)), 4)).getMessage().contains("lambda"));
        assertThrows(IllegalArgumentException.class, () -> Qcfs.apply(zf, lam, 4));
        assertThrows(IllegalArgumentException.class, () -> Qcfs.apply(z, Tensor.constant(Nd4j.createFromArray(1.0, 2.0)), 4));
    }
}
