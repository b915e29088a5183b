package io.snn4j.losses;

import io.snn4j.core.autograd.Tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classification loss mixed with the MSE regulariser, {@code L = (1 − λ)·L_cls + λ·L_MSE} (Deng et al., ICLR 2022,
 * eq. 13; docs/spec.md §6), recorded as one fused op; λ = 0.05 (CIFAR), 0.001 (ImageNet, DVS-CIFAR10).
 */
public final class MixedLoss implements SpikingLoss {
    /** λ of the TET paper for CIFAR-10/100. */
    public static final double LAMBDA_CIFAR = 0.05;
    /** λ of the TET paper for ImageNet and DVS-CIFAR10. */
    public static final double LAMBDA_IMAGENET_DVS = 0.001;

    private final CrossEntropyLoss classification;
    private final MseRegularizer mse;
    private final double lambda;

    /** With φ = 1.0. */
    public MixedLoss(CrossEntropyLoss classification, double lambda) {
        this(classification, new MseRegularizer(), lambda);
    }

    public MixedLoss(CrossEntropyLoss classification, MseRegularizer mse, double lambda) {
        if (classification == null) {
            throw new IllegalArgumentException("MixedLoss: classification loss must not be null");
        }
        if (mse == null) {
            throw new IllegalArgumentException("MixedLoss: MSE regulariser must not be null");
        }
        this.classification = classification;
        this.mse = mse;
        this.lambda = Checks.lambda("MSE mixing weight lambda", lambda);
    }

    public CrossEntropyLoss classification() {
        return classification;
    }

    public MseRegularizer mse() {
        return mse;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public Tensor loss(Tensor outputs, int[] labels) {
        String who = getClass().getSimpleName();
        int[] tbk = Checks.outputsShape(who, outputs);
        Checks.labels(who, labels, tbk);
        double[] o = Checks.toDoubles(outputs.value());
        double[] grad = FusedOp.needsGrad(outputs) ? new double[o.length] : null;
        double cls = classification.evaluate(o, tbk[0], tbk[1], tbk[2], labels, grad, 1.0 - lambda);
        double reg = mse.evaluate(o, grad, lambda);
        return FusedOp.record(name(), outputs, (1.0 - lambda) * cls + lambda * reg, grad);
    }

    /** The classification loss's rule: the MSE term does not change what is predicted. */
    @Override
    public int[] predict(INDArray outputs) {
        return classification.predict(outputs);
    }

    @Override
    public String name() {
        return classification.name() + "+mse";
    }

    @Override
    public String toString() {
        return "MixedLoss(" + classification + ", " + mse + ", lambda=" + lambda + ")";
    }
}
