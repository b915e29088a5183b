package io.snn4j.core.optim;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam, Kingma &amp; Ba 2015, Algorithm 1, with {@code torch.optim.Adam} semantics (non-AMSGrad): L2
 * weight decay is added to the gradient ({@code g ← g + wd·p}); {@code m ← β1·m + (1−β1)·g},
 * {@code v ← β2·v + (1−β2)·g²}, {@code p ← p − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)}, with
 * {@code t} the parameter's own update count. {@link AdamW} decouples the weight decay instead.
 */
public class Adam extends Optimizer {
    /**
     * Immutable Adam/AdamW hyperparameters (the weight decay lives in the {@link ParamGroup}s).
     *
     * @param lr    learning rate, ≥ 0
     * @param beta1 ∈ [0, 1)
     * @param beta2 ∈ [0, 1)
     * @param eps   &gt; 0
     */
    public record Options(double lr, double beta1, double beta2, double eps) {
        public Options {
            if (!(lr >= 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("Adam: lr must be finite and >= 0, got " + lr);
            }
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("Adam: beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam: beta2 must be in [0, 1), got " + beta2);
            }
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("Adam: eps must be finite and > 0, got " + eps);
            }
        }

        /** PyTorch defaults with the given learning rate: β = (0.9, 0.999), ε = 1e-8. */
        public static Options of(double lr) {
            return new Options(lr, 0.9, 0.999, 1e-8);
        }

        public static Builder builder() {
            return new Builder();
        }
    }

    /** Builder for {@link Options}; defaults lr 1e-3, β1 0.9, β2 0.999, ε 1e-8 (PyTorch). */
    public static final class Builder {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;

        private Builder() {
        }

        public Builder lr(double v) {
            lr = v;
            return this;
        }

        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        public Builder eps(double v) {
            eps = v;
            return this;
        }

        /** Validates and returns the options. */
        public Options build() {
            return new Options(lr, beta1, beta2, eps);
        }
    }

    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";

    private final Options options;
    private final boolean decoupled;

    public Adam(List<ParamGroup> groups, Options options) {
        this(groups, options, false);
    }

    /** One group with the given parameters and no weight decay. */
    public Adam(Collection<Parameter> params, Options options) {
        this(singleGroup(params, 0.0), options, false);
    }

    Adam(List<ParamGroup> groups, Options options, boolean decoupledWeightDecay) {
        super(groups, options.lr());
        this.options = options;
        this.decoupled = decoupledWeightDecay;
    }

    public Options options() {
        return options;
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of(EXP_AVG, EXP_AVG_SQ);
    }

    /**
     * Fused over {@code [p, g, m, v]}: {@code g' = s·g} (+ {@code wd·p} for L2), or {@code p = p·(1 − lr·wd)}
     * first when decoupled; {@code m = β1·m + (1−β1)·g'}, {@code v = β2·v + (1−β2)·g'²} (from 0 on the
     * first update), {@code p = p − (m / (√v / √(1−β2ᵗ) + ε))·lr/(1−β1ᵗ)}. Same operations in the same
     * order as the ND4J formulation in {@code ReferenceUpdates.adam}.
     */
    @Override
    protected final ElementwisePass update(Parameter p, INDArray grad, double gradScale, ParamState st, double lr,
                                           double weightDecay) {
        INDArray pv = p.value();
        INDArray mBuf = st.buffer(EXP_AVG);
        INDArray vBuf = st.buffer(EXP_AVG_SQ);
        if (mBuf == null) {
            // zeros, so that the first update needs no branch: 0·β1 + (1−β1)·g' is exactly (1−β1)·g'
            mBuf = Nd4j.zeros(pv.dataType(), pv.shape());
            vBuf = Nd4j.zeros(pv.dataType(), pv.shape());
            st.putBuffer(EXP_AVG, mBuf);
            st.putBuffer(EXP_AVG_SQ, vBuf);
        }
        long t = st.step() + 1;
        double b1 = options.beta1();
        double b2 = options.beta2();
        double c1 = 1 - b1;
        double c2 = 1 - b2;
        double stepSize = lr / (1 - Math.pow(b1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        double eps = options.eps();
        double s = gradScale;
        // the weight-decay forms as factors, so that the loop has no branch and C2 vectorises it:
        // L2 adds wd·p to the gradient (0·p when off), decoupled decay scales p by 1 − lr·wd (1 when off)
        double l2 = decoupled ? 0 : weightDecay;
        double shrink = decoupled ? 1 - lr * weightDecay : 1;
        return ElementwisePass.of(new INDArray[] {pv, grad, mBuf, vBuf}, new boolean[] {true, false, true, true}, (r, len) -> {
            double[] x = r[0];
            double[] g = r[1];
            double[] m = r[2];
            double[] v = r[3];
            for (int i = 0; i < len; i++) {
                double gi = g[i] * s + x[i] * l2;
                double xi = x[i] * shrink;
                double mi = m[i] * b1 + gi * c1;
                double vi = v[i] * b2 + gi * gi * c2;
                m[i] = mi;
                v[i] = vi;
                x[i] = xi - (mi / (Math.sqrt(vi) / bc2Sqrt + eps)) * stepSize;
            }
        });
    }
}
