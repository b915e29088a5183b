package io.snn4j.core.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.snn4j.core.nn.Module;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Time inheritance training (TIT, TET paper; docs/spec.md §9): continuing a model trained at T at a larger (or smaller)
 * T' from the same parameters. {@link #transfer} copies every parameter and buffer of one model into another of
 * the same architecture built for T'. Entries whose shape is the same are copied as they are (LIF, LM-H, conv,
 * BN: nothing depends on T). An entry whose first dimension is T in the source and T' in the target is a
 * per-step parameter (MPE-PSN's membrane-loss coefficients {@code coef[T]}, TEBN's per-step scale): its steps
 * {@code t < min(T, T')} keep their learned values and every new step {@code t ≥ T} starts from the last learned
 * step {@code T − 1}, so each step keeps its weight in MPE-PSN's per-element mean membrane loss (the init
 * {@code 1/T} is not rescaled). Any other difference is an error naming the entry and both shapes.
 */
public final class TimeInheritance {
    private TimeInheritance() {
    }

    /** Copies {@code from}'s state (trained at {@code fromT}) into {@code to} (built for {@code toT}). */
    public static void transfer(Module from, Module to, int fromT, int toT) {
        if (from == to) {
            return;
        }
        Map<String, INDArray> src = from.stateDict();
        Map<String, INDArray> dst = to.stateDict();
        if (!src.keySet().equals(dst.keySet())) {
            throw new IllegalArgumentException("time inheritance: the models differ: T=" + fromT + " has " + src.keySet()
                    + ", T=" + toT + " has " + dst.keySet());
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : src.entrySet()) {
            INDArray a = e.getValue();
            INDArray target = dst.get(e.getKey());
            if (Arrays.equals(a.shape(), target.shape())) {
                out.put(e.getKey(), a);
                continue;
            }
            long[] as = a.shape();
            long[] ts = target.shape();
            boolean perStep = as.length == ts.length && as.length > 0 && as[0] == fromT && ts[0] == toT
                    && Arrays.equals(Arrays.copyOfRange(as, 1, as.length), Arrays.copyOfRange(ts, 1, ts.length));
            if (!perStep) {
                throw new IllegalArgumentException("time inheritance T=" + fromT + " -> " + toT + ": '" + e.getKey()
                        + "' has shape " + Arrays.toString(as) + " at T=" + fromT + " but " + Arrays.toString(ts)
                        + " at T=" + toT + " (only a leading time dimension may change)");
            }
            out.put(e.getKey(), grow(a, toT));
        }
        to.loadStateDict(out, true);
    }

    /** Steps {@code t < min(T, T')} as they are; new steps copy step {@code T − 1}. */
    static INDArray grow(INDArray perStep, int newT) {
        long oldT = perStep.size(0);
        long[] shape = perStep.shape().clone();
        shape[0] = newT;
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(perStep.dataType(), shape);
        for (int t = 0; t < newT; t++) {
            long srcT = Math.min(t, oldT - 1);
            out.get(at(shape.length, t)).assign(perStep.get(at(shape.length, srcT)));
        }
        return out;
    }

    private static INDArrayIndex[] at(int rank, long t) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(t, t + 1);
        for (int i = 1; i < rank; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return idx;
    }
}
