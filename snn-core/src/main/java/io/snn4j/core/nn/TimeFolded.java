package io.snn4j.core.nn;

import java.util.Arrays;

import io.snn4j.core.autograd.Tensor;

/**
 * Runs stateless layers on time folded into the batch (SpikingJelly {@code SeqToANNContainer}):
 * {@code [T, B, ...]} → {@code [T·B, ...]} → layers → {@code [T, B, ...]}, so BatchNorm statistics
 * cover T·B (tdBN/TET). Folding and unfolding are reshapes: views of the same buffer, not copies
 * (as PyTorch's {@code flatten}/{@code view}), and so are their gradients.
 *
 * <p>Naming follows SpikingJelly so that parameter paths match its state dicts: the single child is
 * {@code module}; given one layer it is that layer ({@code module.weight}), given several it is a
 * {@link Sequential} of them ({@code module.0.weight}, {@code module.1.gamma}).
 */
public final class TimeFolded extends Module {
    private final Module inner;

    public TimeFolded(Module... layers) {
        if (layers == null || layers.length == 0) {
            throw new IllegalArgumentException("TimeFolded: needs at least one layer");
        }
        for (int i = 0; i < layers.length; i++) {
            Checks.notNull("TimeFolded", "layer " + i, layers[i]);
        }
        this.inner = registerModule("module", layers.length == 1 ? layers[0] : new Sequential(layers));
    }

    /** The wrapped layer (a {@link Sequential} when built from several). */
    public Module inner() {
        return inner;
    }

    @Override
    public Tensor forward(Tensor x) {
        long[] s = x.shape();
        if (s.length < 3) {
            throw new IllegalArgumentException("TimeFolded(" + inner + "): expected time-first input [T, B, ...] but got "
                    + Arrays.toString(s));
        }
        long t = s[0];
        long[] folded = Arrays.copyOfRange(s, 1, s.length);
        folded[0] = t * s[1];
        Tensor y = inner.forward(x.reshape(folded));
        long[] ys = y.shape();
        if (ys.length == 0 || ys[0] != t * s[1]) {
            throw new IllegalStateException("TimeFolded(" + inner + "): inner output " + Arrays.toString(ys)
                    + " does not keep the folded batch " + t * s[1]);
        }
        long[] unfolded = new long[ys.length + 1];
        unfolded[0] = t;
        unfolded[1] = s[1];
        System.arraycopy(ys, 1, unfolded, 2, ys.length - 1);
        return y.reshape(unfolded);
    }

    @Override
    public String toString() {
        return "TimeFolded(" + inner + ")";
    }
}
