package io.snn4j.core.optim;

import java.util.Collection;
import java.util.List;

import io.snn4j.core.nn.Parameter;

/**
 * AdamW, Loshchilov &amp; Hutter 2019 (decoupled weight decay), with {@code torch.optim.AdamW}
 * semantics: {@code p ← p·(1 − lr·wd)}, then the {@link Adam} update without weight decay in the
 * gradient. The weight decay comes from the {@link ParamGroup}s (PyTorch's default is 0.01).
 */
public final class AdamW extends Adam {
    public AdamW(List<ParamGroup> groups, Options options) {
        super(groups, options, true);
    }

    /** One group with the given parameters and weight decay. */
    public AdamW(Collection<Parameter> params, double weightDecay, Options options) {
        super(singleGroup(params, weightDecay), options, true);
    }
}
