package io.snn4j.losses;

import java.util.Arrays;
import java.util.List;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.train.AuxiliaryLosses;

/**
 * MPE-PSN training loss {@code (1 − λmem)·L_cls + λmem·Σ_layers memLoss} (Chen et al., MPE-PSN; docs/spec.md §5),
 * λmem = 0.01 (0.001 in the DVS-Gesture code).
 */
public final class MembraneLossMix {
    /** λmem of the MPE-PSN paper. */
    public static final double DEFAULT_LAMBDA_MEM = 0.01;

    private MembraneLossMix() {
    }

    /**
     * Mixes a scalar classification loss with the layers' scalar membrane losses as one op; the result has the
     * shape and data type of {@code clsLoss}. An empty list leaves {@code (1 − λmem)·L_cls}.
     */
    public static Tensor mix(Tensor clsLoss, List<Tensor> memLosses, double lambdaMem) {
        Checks.lambda("membrane loss weight lambdaMem", lambdaMem);
        if (clsLoss == null) {
            throw new IllegalArgumentException("MembraneLossMix: clsLoss must not be null");
        }
        if (memLosses == null) {
            throw new IllegalArgumentException("MembraneLossMix: memLosses must not be null (pass an empty list)");
        }
        if (clsLoss.length() != 1) {
            throw new IllegalArgumentException("MembraneLossMix: clsLoss must be a scalar, got shape "
                    + Arrays.toString(clsLoss.shape()));
        }
        for (int i = 0; i < memLosses.size(); i++) {
            Tensor m = memLosses.get(i);
            if (m == null) {
                throw new IllegalArgumentException("MembraneLossMix: memLosses[" + i + "] is null");
            }
            if (m.length() != 1) {
                throw new IllegalArgumentException("MembraneLossMix: memLosses[" + i + "] must be a scalar, got shape "
                        + Arrays.toString(m.shape()));
            }
            if (m.dataType() != clsLoss.dataType()) {
                throw new IllegalArgumentException("MembraneLossMix: memLosses[" + i + "] is " + m.dataType()
                        + " but clsLoss is " + clsLoss.dataType());
            }
        }
        return AuxiliaryLosses.mix(clsLoss, memLosses, lambdaMem); // the one definition of the weighted sum
    }
}
