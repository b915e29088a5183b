package io.snn4j.core.autograd;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The progressive release of {@link Tensor#backwardReleasing()}: the intermediate values of a graph (outputs of
 * recorded operations that another recorded operation consumed) are given back to the {@link BufferPool} as soon
 * as the operation that produced them has run its backward, since in reverse topological order every consumer's
 * backward has run before. Buffers are counted by their root native buffer, because a reshape view and its base
 * share one: a root is released when the last intermediate over it is dead, and never when it backs the loss, the
 * seed, a leaf's value or gradient, or a gradient still waiting in a slot.
 */
final class ValueRelease {
    private final Map<Node, List<Tensor>> outputsOf = new IdentityHashMap<>();
    private final Map<DataBuffer, Integer> live = new IdentityHashMap<>();
    private final Map<DataBuffer, INDArray> whole = new IdentityHashMap<>();
    private final Map<DataBuffer, Boolean> pinned = new IdentityHashMap<>();
    private final GradientLedger ledger;
    private long releasedBytes;

    ValueRelease(Tensor root, INDArray seed, List<Node> order, GradientLedger ledger) {
        this.ledger = ledger;
        pinned.put(GradientLedger.root(root.rawValue()), Boolean.TRUE);
        pinned.put(GradientLedger.root(seed), Boolean.TRUE);
        Map<Tensor, Boolean> listed = new IdentityHashMap<>();
        for (Node n : order) {
            for (Tensor in : n.inputs) {
                if (in == null) {
                    continue;
                }
                if (in.node == null) {
                    pinned.put(GradientLedger.root(in.rawValue()), Boolean.TRUE);
                    if (in.grad() != null) {
                        pinned.put(GradientLedger.root(in.grad()), Boolean.TRUE);
                    }
                } else if (in != root && !in.released && listed.put(in, Boolean.TRUE) == null) {
                    outputsOf.computeIfAbsent(in.node, k -> new ArrayList<>()).add(in);
                    DataBuffer r = GradientLedger.root(in.rawValue());
                    live.merge(r, 1, Integer::sum);
                    if (ShapeOps.isDense(in.rawValue()) && in.rawValue().length() == r.length()) {
                        whole.putIfAbsent(r, in.rawValue());
                    }
                }
            }
        }
    }

    /** {@code n}'s backward has run: its outputs are dead to the graph. */
    void producerRan(Node n) {
        List<Tensor> outs = outputsOf.remove(n);
        if (outs == null) {
            return;
        }
        for (Tensor t : outs) {
            t.released = true;
            INDArray v = t.rawValue();
            DataBuffer r = GradientLedger.root(v);
            Integer left = live.computeIfPresent(r, (k, c) -> c > 1 ? c - 1 : null);
            if (left != null || pinned.containsKey(r) || ledger.isHeld(v) || r.wasClosed()) {
                continue;
            }
            INDArray w = whole.remove(r);
            if (w != null && BufferPool.give(w)) {
                releasedBytes += r.length() * r.getElementSize();
                ledger.unpin(r);   // a gradient that reuses this buffer may be released in turn
            } else if (r.closeable()) {
                releasedBytes += r.length() * r.getElementSize();
                r.close();
            }
        }
    }

    /** Releases what is left (outputs of operations that received no gradient); returns the bytes released. */
    long finish() {
        for (Node n : new ArrayList<>(outputsOf.keySet())) {
            producerRan(n);
        }
        return releasedBytes;
    }
}
