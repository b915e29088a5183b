package io.snn4j.core.optim;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with momentum and Nesterov momentum (Sutskever et al. 2013), with
 * {@code torch.optim.SGD} semantics: L2 weight decay is added to the gradient
 * ({@code g ← g + wd·p}); the momentum buffer starts as a copy of the first gradient, then
 * {@code b ← μ·b + (1 − dampening)·g}; the step is {@code b} (or {@code g + μ·b} with Nesterov);
 * {@code p ← p − lr·step}.
 */
public final class Sgd extends Optimizer {
    /**
     * Immutable SGD hyperparameters (the weight decay lives in the {@link ParamGroup}s).
     *
     * @param lr        learning rate, ≥ 0
     * @param momentum  μ ∈ [0, 1)
     * @param dampening ∈ [0, 1]; must be 0 with Nesterov
     * @param nesterov  Nesterov momentum; needs μ &gt; 0
     */
    public record Options(double lr, double momentum, double dampening, boolean nesterov) {
        public Options {
            if (!(lr >= 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("Sgd: lr must be finite and >= 0, got " + lr);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("Sgd: momentum must be in [0, 1), got " + momentum);
            }
            if (!(dampening >= 0 && dampening <= 1)) {
                throw new IllegalArgumentException("Sgd: dampening must be in [0, 1], got " + dampening);
            }
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("Sgd: nesterov requires momentum > 0 and dampening = 0, got momentum "
                        + momentum + ", dampening " + dampening);
            }
        }

        public static Builder builder() {
            return new Builder();
        }
    }

    /** Builder for {@link Options}; defaults lr 0.01, no momentum, dampening 0, no Nesterov. */
    public static final class Builder {
        private double lr = 0.01;
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder() {
        }

        public Builder lr(double v) {
            lr = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder dampening(double v) {
            dampening = v;
            return this;
        }

        public Builder nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        /** Validates and returns the options. */
        public Options build() {
            return new Options(lr, momentum, dampening, nesterov);
        }
    }

    private static final String MOMENTUM = "momentum_buffer";

    private final Options options;

    public Sgd(List<ParamGroup> groups, Options options) {
        super(groups, options.lr());
        this.options = options;
    }

    /** One group with the given parameters and no weight decay. */
    public Sgd(Collection<Parameter> params, Options options) {
        this(singleGroup(params, 0.0), options);
    }

    public Options options() {
        return options;
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of(MOMENTUM);
    }

    /**
     * Fused over {@code [p, g, buf]}: {@code d = s·g + wd·p}; with momentum {@code buf = d} on the first
     * update, else {@code buf = μ·buf + (1 − dampening)·d}, and {@code d = buf} (Nesterov
     * {@code d + μ·buf}); {@code p = p − lr·d}. Same operations in the same order as the ND4J
     * formulation in {@code ReferenceUpdates.sgd}.
     */
    @Override
    protected ElementwisePass update(Parameter p, INDArray grad, double gradScale, ParamState st, double lr,
                                     double weightDecay) {
        INDArray pv = p.value();
        double mu = options.momentum();
        double keep = 1 - options.dampening();
        boolean damped = options.dampening() != 0;
        boolean nesterov = options.nesterov();
        double wd = weightDecay;
        double s = gradScale;
        if (mu == 0) {
            return ElementwisePass.of(new INDArray[] {pv, grad}, new boolean[] {true, false}, (r, len) -> {
                double[] x = r[0];
                double[] g = r[1];
                for (int i = 0; i < len; i++) {
                    double d = g[i] * s;
                    if (wd != 0) {
                        d = d + x[i] * wd;
                    }
                    x[i] = x[i] - d * lr;
                }
            });
        }
        INDArray buf = st.buffer(MOMENTUM);
        boolean first = buf == null;
        if (first) {
            buf = Nd4j.createUninitialized(pv.dataType(), pv.shape(), 'c');
            st.putBuffer(MOMENTUM, buf);
        }
        return ElementwisePass.of(new INDArray[] {pv, grad, buf}, new boolean[] {true, false, true}, (r, len) -> {
            double[] x = r[0];
            double[] g = r[1];
            double[] b = r[2];
            for (int i = 0; i < len; i++) {
                double d = g[i] * s;
                if (wd != 0) {
                    d = d + x[i] * wd;
                }
                if (first) {
                    b[i] = d;
                } else {
                    b[i] = b[i] * mu + (damped ? d * keep : d);
                }
                d = nesterov ? d + b[i] * mu : b[i];
                x[i] = x[i] - d * lr;
            }
        });
    }
}
