package io.snn4j.core.optim;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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

    @Override
    protected final void update(Parameter p, INDArray grad, ParamState st, double lr, double weightDecay) {
        INDArray pv = p.value();
        INDArray g = grad;
        if (weightDecay != 0) {
            if (decoupled) {
                pv.muli(1 - lr * weightDecay);
            } else {
                g = grad.add(pv.mul(weightDecay));
            }
        }
        INDArray m = st.buffer(EXP_AVG);
        INDArray v = st.buffer(EXP_AVG_SQ);
        if (m == null) {
            m = Nd4j.zeros(pv.dataType(), pv.shape());
            v = Nd4j.zeros(pv.dataType(), pv.shape());
            st.putBuffer(EXP_AVG, m);
            st.putBuffer(EXP_AVG_SQ, v);
        }
        long t = st.step() + 1;
        double b1 = options.beta1();
        double b2 = options.beta2();
        m.muli(b1).addi(g.mul(1 - b1));
        v.muli(b2).addi(g.mul(g).muli(1 - b2));
        double stepSize = lr / (1 - Math.pow(b1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        INDArray denom = Transforms.sqrt(v, true).divi(bc2Sqrt).addi(options.eps());
        pv.subi(m.div(denom).muli(stepSize));
    }
}
