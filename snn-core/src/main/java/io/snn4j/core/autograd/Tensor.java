package io.snn4j.core.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J array with reverse-mode automatic differentiation.
 *
 * <p>A tensor is either a <em>leaf</em> (created by the user: an input, a parameter) or the output
 * of a recorded operation. While {@link GradMode} is enabled and any input requires a gradient,
 * every operation appends a {@link Node} to the tape (the graph reachable from its outputs).
 * {@link #backward()} walks that graph once in reverse topological order, calls each node's
 * {@link BackwardFunction}, accumulates gradients into the leaves' {@link #grad()}, and frees
 * what each node saved (a second backward through the same graph fails unless the graph was
 * retained). Backpropagation through time needs nothing special: an unrolled sequence is just a
 * longer graph, and the fused neuron kernels record a whole {@code [T, ...]} block as one node.
 *
 * <p>The data type is explicit: FLOAT for training, DOUBLE for gradient checks. Operations never
 * mix types silently.
 */
public class Tensor {
    private INDArray value;
    private INDArray grad;
    private boolean requiresGrad;
    private boolean released;
    private final Node node;
    private final int outputIndex;

    /** A leaf. */
    protected Tensor(INDArray value, boolean requiresGrad) {
        this.value = requireNonNull(value);
        this.requiresGrad = requiresGrad;
        this.node = null;
        this.outputIndex = 0;
    }

    private Tensor(INDArray value, Node node, int outputIndex) {
        this.value = value;
        this.requiresGrad = true;
        this.node = node;
        this.outputIndex = outputIndex;
    }

    private static INDArray requireNonNull(INDArray v) {
        if (v == null) {
            throw new IllegalArgumentException("tensor value must not be null");
        }
        return v;
    }

    // ---------------------------------------------------------------- creation

    /** A constant leaf (no gradient). */
    public static Tensor constant(INDArray value) {
        return new Tensor(value, false);
    }

    /** A leaf that accumulates a gradient in {@link #grad()}. */
    public static Tensor variable(INDArray value) {
        return new Tensor(value, true);
    }

    /** A constant scalar of the given type. */
    public static Tensor scalar(double v, DataType type) {
        return constant(Nd4j.scalar(type, v));
    }

    /**
     * Records a single-output operation. This is the extension point for new ops (neuron kernels,
     * losses): compute {@code value} eagerly, capture what backward needs in {@code backward}, and
     * pass the inputs. When recording is off or no input requires a gradient, the result is a
     * constant and {@code backward} (with whatever it captured) is dropped immediately.
     */
    public static Tensor record(String op, INDArray value, BackwardFunction backward, Tensor... inputs) {
        return recordMulti(op, new INDArray[] {value}, backward, inputs)[0];
    }

    /** Records an operation with several outputs; {@code backward} receives one gradient per output. */
    public static Tensor[] recordMulti(String op, INDArray[] values, BackwardFunction backward, Tensor... inputs) {
        boolean track = false;
        if (GradMode.isEnabled()) {
            for (Tensor t : inputs) {
                if (t != null && t.requiresGrad) {
                    track = true;
                    break;
                }
            }
        }
        OpProfile profile = OpProfile.current();
        if (profile != null) {
            profile.forwardRecorded(op);
        }
        Tensor[] out = new Tensor[values.length];
        INDArray[] inputValues = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputValues[i] = inputs[i] == null ? null : inputs[i].value;
        }
        for (INDArray v : values) {
            NativeMemoryPressure.allocated(v, inputValues);
            AllocationMeter.produced(v);
        }
        if (!track) {
            for (int i = 0; i < values.length; i++) {
                out[i] = constant(values[i]);
            }
            return out;
        }
        long[][] shapes = new long[values.length][];
        for (int i = 0; i < values.length; i++) {
            shapes[i] = values[i].shape();
        }
        Node n = new Node(op, inputs.clone(), backward, shapes);
        for (int i = 0; i < values.length; i++) {
            out[i] = new Tensor(values[i], n, i);
        }
        return out;
    }

    // ---------------------------------------------------------------- accessors

    /** The array. Mutating it in place bypasses the tape (optimizers do this to parameters). */
    public INDArray value() {
        if (released) {
            throw new IllegalStateException("the value of this tensor (output of " + op()
                    + ") was released by releaseGraph() on a tensor computed from it");
        }
        return value;
    }

    /** Replaces a leaf's array (e.g. loading a checkpoint); the shape and type must stay the same. */
    public void setValue(INDArray newValue) {
        if (node != null) {
            throw new IllegalStateException("cannot replace the value of a non-leaf tensor (output of " + node.op + ")");
        }
        if (!Arrays.equals(newValue.shape(), value.shape()) || newValue.dataType() != value.dataType()) {
            throw new IllegalArgumentException("setValue: expected " + describe(value) + " but got " + describe(newValue));
        }
        this.value = newValue;
    }

    /** The accumulated gradient of a leaf after {@link #backward()}, or null if none reached it. */
    public INDArray grad() {
        return grad;
    }

    public void zeroGrad() {
        grad = null;
    }

    /**
     * Clears the gradient like {@link #zeroGrad()} and gives its buffer to the {@link BufferPool}, where the next
     * backward pass's ops take it again instead of fresh memory that only the garbage collector would free. For a
     * training loop between steps ({@code Optimizer.zeroGrad()} calls it); an array taken from {@link #grad()}
     * earlier must not be used afterwards (copy it to keep it).
     */
    public void releaseGrad() {
        if (grad != null) {
            BufferPool.recycle(grad, value);
            grad = null;
        }
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Turns gradient tracking of a leaf on or off (parameter freezing). */
    public void setRequiresGrad(boolean requiresGrad) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad can only be changed on a leaf tensor");
        }
        this.requiresGrad = requiresGrad;
    }

    public boolean isLeaf() {
        return node == null;
    }

    public long[] shape() {
        return value.shape();
    }

    public long size(int dim) {
        return value.size(dim);
    }

    public int rank() {
        return value.rank();
    }

    public long length() {
        return value.length();
    }

    public DataType dataType() {
        return value.dataType();
    }

    /** The single element of a scalar (or one-element) tensor. */
    public double item() {
        if (value.length() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + Arrays.toString(shape()));
        }
        return value.getDouble(0);
    }

    /**
     * A copy of the values, cut off from the tape and owning its memory: what may outlive the graph (a state carried
     * to the next forward), since {@link #releaseGraph()} recycles the graph's buffers.
     */
    public Tensor detachCopy() {
        return constant(value().dup());
    }

    /** The same values, cut off from the tape (stop-gradient); shares this tensor's buffer. */
    public Tensor detach() {
        return constant(value);
    }

    /** The name of the operation that produced this tensor, or "leaf". */
    public String op() {
        return node == null ? "leaf" : node.op;
    }

    static String describe(INDArray a) {
        return Arrays.toString(a.shape()) + " " + a.dataType();
    }

    @Override
    public String toString() {
        return "Tensor(" + op() + ", shape=" + Arrays.toString(shape()) + ", " + dataType()
                + (requiresGrad ? ", requiresGrad" : "") + ")";
    }

    // ---------------------------------------------------------------- backward

    /** Backpropagates from a scalar (one-element) tensor with seed 1. */
    public void backward() {
        if (value.length() != 1) {
            throw new IllegalStateException("backward() without a seed gradient needs a scalar, but "
                    + op() + " produced shape " + Arrays.toString(shape())
                    + "; reduce it first (sum/mean) or call backward(seedGradient)");
        }
        backward(Nd4j.onesLike(value), false);
    }

    /** Backpropagates with an explicit seed dL/d(this), freeing the graph afterwards. */
    public void backward(INDArray seed) {
        backward(seed, false);
    }

    /**
     * Backpropagates with seed dL/d(this). With {@code retainGraph} the saved arrays are kept so
     * that backward can run through the same graph again.
     */
    public void backward(INDArray seed, boolean retainGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not require a gradient ("
                    + op() + "): no input of the computation requires one, or it ran under GradMode.noGrad()");
        }
        if (!Arrays.equals(seed.shape(), value.shape())) {
            throw new IllegalArgumentException("backward: seed shape " + Arrays.toString(seed.shape())
                    + " differs from the tensor shape " + Arrays.toString(value.shape()));
        }
        if (node == null) {
            accumulate(seed);
            return;
        }
        List<Node> order = topologicalOrder(node);
        for (Node n : order) {
            if (n.freed) {
                throw new IllegalStateException("backward through " + n.op + " whose saved arrays were already freed "
                        + "by an earlier backward(); call backward(seed, true) to retain the graph");
            }
        }
        // without a retained graph, gradients are released as soon as their last consumer ran (see GradientLedger)
        GradientLedger ledger = retainGraph ? null : new GradientLedger();
        if (ledger != null) {
            ledger.pin(value);
            ledger.pin(seed);
            for (Node n : order) {
                for (Tensor in : n.inputs) {
                    if (in != null) {
                        ledger.pin(in.value);
                        ledger.pin(in.grad);
                    }
                }
            }
        }
        node.outputGrads = new INDArray[node.outputShapes.length];
        node.outputGrads[outputIndex] = seed.castTo(value.dataType());
        if (ledger != null) {
            ledger.hold(node.outputGrads[outputIndex]);
        }
        OpProfile profile = OpProfile.current();
        long tapeStart = System.nanoTime();
        long inBackward = 0;
        for (Node n : order) {
            INDArray[] gOut = n.outputGrads;
            if (gOut == null) {
                continue; // nothing flowed into this node
            }
            for (int i = 0; i < gOut.length; i++) {
                if (gOut[i] == null) {
                    gOut[i] = BufferPool.zeros(seed.dataType(), n.outputShapes[i]);
                    if (ledger != null) {
                        ledger.hold(gOut[i]);
                    }
                }
            }
            long t0 = profile == null ? 0 : System.nanoTime();
            INDArray[] gIn = n.backward.apply(gOut);
            if (profile != null) {
                long dt = System.nanoTime() - t0;
                inBackward += dt;
                profile.backwardRan(n.op, dt);
            }
            for (INDArray g : gIn) {
                NativeMemoryPressure.allocated(g, gOut);
            }
            if (gIn.length != n.inputs.length) {
                throw new IllegalStateException(n.op + ": backward returned " + gIn.length
                        + " gradients for " + n.inputs.length + " inputs");
            }
            n.outputGrads = null;
            if (!retainGraph) {
                n.free();
            }
            if (ledger != null) {
                for (INDArray g : gOut) {
                    ledger.drop(g);
                }
            }
            for (int i = 0; i < gIn.length; i++) {
                Tensor in = n.inputs[i];
                if (in == null || !in.requiresGrad || gIn[i] == null) {
                    continue;
                }
                if (!Arrays.equals(gIn[i].shape(), in.shape())) {
                    throw new IllegalStateException(n.op + ": gradient for input " + i + " has shape "
                            + Arrays.toString(gIn[i].shape()) + " but the input has shape " + Arrays.toString(in.shape()));
                }
                if (in.node == null) {
                    in.accumulate(gIn[i], ledger != null && exclusive(ledger, gIn, i));
                    if (ledger != null) {
                        ledger.pin(in.grad);
                    }
                } else {
                    Node p = in.node;
                    if (p.outputGrads == null) {
                        p.outputGrads = new INDArray[p.outputShapes.length];
                    }
                    INDArray prev = p.outputGrads[in.outputIndex];
                    // a second gradient for the same output (a residual branch): the sum goes into a pooled buffer
                    INDArray next = prev == null ? gIn[i]
                            : prev.add(gIn[i], BufferPool.uninitialized(prev.dataType(), prev.shape()));
                    p.outputGrads[in.outputIndex] = next;
                    if (ledger != null) {
                        ledger.hold(next);
                        if (prev != null) {
                            ledger.drop(prev);
                            ledger.seen(prev);
                            ledger.releaseIfDead(prev);
                        }
                    }
                }
            }
            if (ledger != null) {
                for (INDArray g : gOut) {
                    ledger.releaseIfDead(g);
                }
                for (INDArray g : gIn) {
                    ledger.seen(g);
                    ledger.releaseIfDead(g);
                }
            }
        }
        if (profile != null) {
            profile.backwardRan("(tape)", System.nanoTime() - tapeStart - inBackward);
        }
        if (ledger != null) {
            NativeMemoryPressure.released(ledger.releasedBytes());
        }
        // buffers the pool drops go back to waiting for the collector
        NativeMemoryPressure.released(-BufferPool.stepEnded());
        NativeMemoryPressure.stepEnded();
    }

    /**
     * Adds {@code g} to this leaf's gradient. The first gradient is taken as it is when {@code exclusive} (no other
     * slot, leaf or tensor can see its buffer), otherwise copied.
     */
    private void accumulate(INDArray g, boolean exclusive) {
        if (grad == null) {
            grad = exclusive && ShapeOps.isDense(g) && g.ordering() == 'c' ? g : g.dup('c');
        } else {
            grad.addi(g);
        }
    }

    private void accumulate(INDArray g) {
        accumulate(g, false);
    }

    /**
     * Frees, at once, the native buffers of the intermediate values this tensor was computed from: every output of a
     * recorded operation that another operation of the graph consumed (layer activations, the model's outputs when
     * this is the loss), but not this tensor's value, nor any leaf's value or gradient (parameters, inputs, detached
     * copies, which may share a buffer with an intermediate), nor the outputs no operation consumed (e.g. a neuron's
     * final state carried to the next forward). Call it at the end of a training step, once backward has run and
     * nothing more is read from the graph: it returns the step's activations to the allocator without waiting for
     * the garbage collector (into the {@link BufferPool}, whose buffers the next step's ops reuse). Afterwards
     * {@link #value()} of a released tensor throws; an array taken from it earlier must not be used (its buffer is
     * reused: with {@code -Dsnn4j.pool.poison=true} it reads as NaN, a closed one fails in ND4J ops). Returns the
     * bytes released.
     */
    public long releaseGraph() {
        if (node == null) {
            return 0;
        }
        GradientLedger ledger = new GradientLedger();
        ledger.pin(value);
        List<Tensor> intermediates = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        Map<Tensor, Boolean> listed = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(node);
        seen.put(node, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Tensor in : n.inputs) {
                if (in == null) {
                    continue;
                }
                if (in.node == null) {
                    if (in.value != null) {
                        ledger.pin(in.value);
                    }
                    ledger.pin(in.grad);
                    continue;
                }
                if (in != this && !in.released && listed.put(in, Boolean.TRUE) == null) {
                    intermediates.add(in);
                }
                if (seen.put(in.node, Boolean.TRUE) == null) {
                    stack.push(in.node);
                }
            }
        }
        for (Tensor t : intermediates) {
            t.released = true;
            ledger.releaseIfDead(t.value);
        }
        long bytes = ledger.releasedBytes();
        NativeMemoryPressure.released(bytes);
        return bytes;
    }

    /** Whether gradient {@code i} of a node's results shares its buffer with nothing the ledger or the results know. */
    private static boolean exclusive(GradientLedger ledger, INDArray[] gIn, int i) {
        INDArray g = gIn[i];
        if (ledger.isPinned(g) || ledger.isHeld(g)) {
            return false;
        }
        var r = GradientLedger.root(g);
        for (int j = 0; j < gIn.length; j++) {
            if (j != i && gIn[j] != null && GradientLedger.root(gIn[j]) == r) {
                return false;
            }
        }
        return true;
    }

    /** Nodes reachable from {@code root}, ordered so that every node comes before its inputs' nodes. */
    private static List<Node> topologicalOrder(Node root) {
        // iterative post-order DFS, then reverse
        List<Node> post = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node n = (Node) frame[0];
            int i = (Integer) frame[1];
            if (i < n.inputs.length) {
                frame[1] = i + 1;
                Tensor in = n.inputs[i];
                if (in != null && in.node != null && in.requiresGrad && !seen.containsKey(in.node)) {
                    seen.put(in.node, Boolean.TRUE);
                    stack.push(new Object[] {in.node, 0});
                }
            } else {
                stack.pop();
                post.add(n);
            }
        }
        List<Node> order = new ArrayList<>(post.size());
        for (int i = post.size() - 1; i >= 0; i--) {
            order.add(post.get(i));
        }
        return order;
    }

    // ---------------------------------------------------------------- arithmetic (see MathOps)

    public Tensor add(Tensor o) {
        return MathOps.add(this, o);
    }

    public Tensor sub(Tensor o) {
        return MathOps.sub(this, o);
    }

    public Tensor mul(Tensor o) {
        return MathOps.mul(this, o);
    }

    public Tensor div(Tensor o) {
        return MathOps.div(this, o);
    }

    public Tensor add(double c) {
        return MathOps.addScalar(this, c);
    }

    public Tensor sub(double c) {
        return MathOps.addScalar(this, -c);
    }

    public Tensor mul(double c) {
        return MathOps.mulScalar(this, c);
    }

    public Tensor div(double c) {
        return MathOps.mulScalar(this, 1.0 / c);
    }

    /** {@code c - this}. */
    public Tensor rsub(double c) {
        return MathOps.addScalar(MathOps.mulScalar(this, -1.0), c);
    }

    public Tensor neg() {
        return MathOps.mulScalar(this, -1.0);
    }

    public Tensor pow(double p) {
        return MathOps.pow(this, p);
    }

    public Tensor square() {
        return MathOps.pow(this, 2.0);
    }

    public Tensor exp() {
        return MathOps.exp(this);
    }

    public Tensor log() {
        return MathOps.log(this);
    }

    public Tensor sigmoid() {
        return MathOps.sigmoid(this);
    }

    public Tensor tanh() {
        return MathOps.tanh(this);
    }

    public Tensor relu() {
        return MathOps.relu(this);
    }

    // ---------------------------------------------------------------- reductions (see ReduceOps)

    public Tensor sum() {
        return ReduceOps.sum(this);
    }

    public Tensor sum(boolean keepDims, int... axes) {
        return ReduceOps.sum(this, keepDims, axes);
    }

    public Tensor mean() {
        return ReduceOps.mean(this);
    }

    public Tensor mean(boolean keepDims, int... axes) {
        return ReduceOps.mean(this, keepDims, axes);
    }

    // ---------------------------------------------------------------- shapes (see ShapeOps)

    public Tensor reshape(long... shape) {
        return ShapeOps.reshape(this, shape);
    }

    public Tensor permute(int... dims) {
        return ShapeOps.permute(this, dims);
    }

    /** Merges dimensions {@code startDim..rank-1} into one. */
    public Tensor flatten(int startDim) {
        return ShapeOps.flatten(this, startDim);
    }

    /** Index {@code i} along dimension 0 (e.g. time step t of a {@code [T, B, ...]} tensor). */
    public Tensor select(long i) {
        return ShapeOps.select(this, i);
    }

    /** {@code length} entries of dimension {@code dim} starting at {@code start}. */
    public Tensor narrow(int dim, long start, long length) {
        return ShapeOps.narrow(this, dim, start, length);
    }

    // ---------------------------------------------------------------- linear algebra (see LinearOps)

    /** Matrix product of two rank-2 tensors. */
    public Tensor matmul(Tensor o) {
        return LinearOps.matmul(this, o);
    }
}
