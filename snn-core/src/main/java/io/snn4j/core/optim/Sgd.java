package io.snn4j.core.optim;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    @Override
    protected void update(Parameter p, INDArray grad, ParamState st, double lr, double weightDecay) {
        INDArray pv = p.value();
        INDArray d = weightDecay != 0 ? grad.add(pv.mul(weightDecay)) : grad;
        double mu = options.momentum();
        if (mu != 0) {
            INDArray buf = st.buffer(MOMENTUM);
            if (buf == null) {
                buf = d.dup();
                st.putBuffer(MOMENTUM, buf);
            } else {
                buf.muli(mu).addi(options.dampening() == 0 ? d : d.mul(1 - options.dampening()));
            }
            d = options.nesterov() ? d.add(buf.mul(mu)) : buf;
        }
        pv.subi(d.mul(lr));
    }
}
