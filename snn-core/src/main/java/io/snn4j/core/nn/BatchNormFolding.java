package io.snn4j.core.nn;

import java.util.Map;
import java.util.function.Supplier;

import io.snn4j.core.rng.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm folded into the preceding convolution for inference (TET, Deng et al. ICLR 2022, eq. 6; docs/spec.md §7):
 * {@code Ŵ = W·γ/σ}, {@code b̂ = β + (b − μ)·γ/σ} with {@code σ = √(running var + eps)}; the BatchNorm becomes an
 * {@link Identity}. A pair is a {@link Conv2d} directly followed by a plain {@link BatchNorm2d} in the same
 * {@link Sequential} (as in {@code TimeFolded(conv, bn)}: VGGSNN, SNN-5, spec-string nets); BatchNorms elsewhere
 * (e.g. inside residual blocks, TEBN) are left as they are. The result equals the original model in eval mode up
 * to float rounding, and has no BatchNorm parameters or buffers for the folded pairs.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /**
     * An equivalent model for evaluation: a new instance from {@code sameArchitecture} with {@code trained}'s
     * parameters and buffers, every conv→BN pair folded, in eval mode. {@code trained} is not changed.
     */
    public static Module fold(Module trained, Supplier<? extends Module> sameArchitecture) {
        Module copy = sameArchitecture.get();
        if (copy == null || copy == trained) {
            throw new IllegalArgumentException("BatchNormFolding: sameArchitecture must build a new model instance");
        }
        copy.loadStateDict(trained.stateDict(), true);
        foldInPlace(copy);
        return copy;
    }

    /** Folds every conv→BN pair of {@code model} in place and puts it in eval mode; returns the number folded. */
    public static int foldInPlace(Module model) {
        int folded = 0;
        for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
            if (e.getValue() instanceof Sequential seq) {
                for (int i = 0; i + 1 < seq.size(); i++) {
                    if (seq.get(i) instanceof Conv2d conv && seq.get(i + 1).getClass() == BatchNorm2d.class) {
                        seq.set(i, folded(conv, (BatchNorm2d) seq.get(i + 1)));
                        seq.set(i + 1, new Identity());
                        folded++;
                    }
                }
            }
        }
        model.eval();
        return folded;
    }

    /** TET eq. 6, computed in double and stored in the conv's data type. */
    static Conv2d folded(Conv2d conv, BatchNorm2d bn) {
        INDArray w = conv.weight().value();
        DataType type = w.dataType();
        long out = w.size(0);
        INDArray scale = bn.gamma().value().castTo(DataType.DOUBLE)
                .div(Nd4j.math().sqrt(bn.runningVar().castTo(DataType.DOUBLE).add(bn.eps())));
        INDArray b = conv.bias() == null ? Nd4j.zeros(DataType.DOUBLE, out) : conv.bias().value().castTo(DataType.DOUBLE);
        INDArray newBias = bn.beta().value().castTo(DataType.DOUBLE)
                .add(b.sub(bn.runningMean().castTo(DataType.DOUBLE)).mul(scale));
        INDArray newWeight = w.castTo(DataType.DOUBLE).dup('c').reshape('c', out, w.length() / out)
                .mulColumnVector(scale.reshape(out, 1)).reshape('c', w.shape());
        Conv2d f = new Conv2d((int) w.size(1), (int) out, (int) w.size(2), conv.stride(), conv.padding(), true, type,
                new SplitMix64(0));
        f.weight().value().assign(newWeight.castTo(type));
        f.bias().value().assign(newBias.castTo(type));
        return f;
    }
}
