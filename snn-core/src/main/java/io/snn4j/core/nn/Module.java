package io.snn4j.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.snn4j.core.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A node of a model tree: named parameters, named buffers (non-trained state such as BatchNorm
 * running statistics), named children, and a train/eval mode.
 *
 * <p>Names are dotted paths from the root ({@code features.3.weight}), as in PyTorch state dicts,
 * so checkpoints and conformance cases can address any parameter. Subclasses register what they
 * own in their constructor and implement {@link #forward(Tensor)}.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final List<CarriedState<?>> carriedStates = new ArrayList<>();
    private boolean training = true;

    /** Runs the module. Time-first inputs {@code [T, B, ...]} unless the module documents otherwise. */
    public abstract Tensor forward(Tensor x);

    protected final Parameter registerParameter(String name, Parameter p) {
        checkName(name);
        parameters.put(name, p);
        return p;
    }

    /** Registers a buffer; it is updated in place (so references stay valid) and saved in state dicts. */
    protected final INDArray registerBuffer(String name, INDArray buffer) {
        checkName(name);
        buffers.put(name, buffer);
        return buffer;
    }

    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    /**
     * Replaces the direct child {@code name} (it must exist) by {@code module}, keeping its position: for model
     * transformations such as {@link BatchNormFolding}. Subclasses that keep their own references to children
     * must update them too (as {@link Sequential#set} does).
     */
    protected final <M extends Module> M replaceModule(String name, M module) {
        if (!children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no child named '" + name + "'");
        }
        children.put(name, Checks.notNull(getClass().getSimpleName(), "module", module));
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("invalid member name '" + name + "' (non-empty, no dots)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " already has a member named '" + name + "'");
        }
    }

    // ---------------------------------------------------------------- tree access

    /** Direct children, in registration order. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its descendants, keyed by dotted path. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collectParameters(prefix + n + ".", out));
    }

    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every buffer of this module and its descendants, keyed by dotted path. */
    public Map<String, INDArray> namedBuffers() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, INDArray> out) {
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, c) -> c.collectBuffers(prefix + n + ".", out));
    }

    /** Every module of the tree (this one first), keyed by dotted path ("" for this one). */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out);
        return out;
    }

    private static void collectModules(String path, Module m, Map<String, Module> out) {
        out.put(path, m);
        m.children.forEach((n, c) -> collectModules(path.isEmpty() ? n : path + "." + n, c, out));
    }

    /** Number of trainable elements (parameters only, buffers excluded). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.length();
        }
        return n;
    }

    // ---------------------------------------------------------------- state dicts

    /** Parameters and buffers by dotted path (the arrays themselves, not copies). */
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> out.put(n, p.value()));
        out.putAll(namedBuffers());
        return out;
    }

    /**
     * Copies values into this module's parameters and buffers. With {@code strict}, missing and
     * unexpected keys are errors. A shape mismatch is always an error naming the entry and both shapes.
     */
    public void loadStateDict(Map<String, INDArray> state, boolean strict) {
        Map<String, INDArray> own = stateDict();
        if (strict) {
            List<String> missing = new ArrayList<>();
            for (String k : own.keySet()) {
                if (!state.containsKey(k)) {
                    missing.add(k);
                }
            }
            List<String> unexpected = new ArrayList<>();
            for (String k : state.keySet()) {
                if (!own.containsKey(k)) {
                    unexpected.add(k);
                }
            }
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                throw new IllegalArgumentException("state dict does not match " + getClass().getSimpleName()
                        + ": missing " + missing + ", unexpected " + unexpected);
            }
        }
        // validate everything first, so a mismatch leaves the module untouched
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            INDArray target = own.get(e.getKey());
            INDArray src = e.getValue();
            if (target != null && !Arrays.equals(target.shape(), src.shape())) {
                throw new IllegalArgumentException("cannot load '" + e.getKey() + "': checkpoint shape "
                        + Arrays.toString(src.shape()) + " but the model has shape " + Arrays.toString(target.shape()));
            }
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            INDArray target = own.get(e.getKey());
            if (target != null) {
                target.assign(e.getValue().castTo(target.dataType()));
            }
        }
    }

    // ---------------------------------------------------------------- modes and helpers

    /** Sets training mode on this module and all descendants; returns this. */
    public Module train(boolean on) {
        training = on;
        for (Module c : children.values()) {
            c.train(on);
        }
        return this;
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Clears the accumulated gradients of all parameters. */
    public void zeroGrad() {
        for (Parameter p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /** Stops (or restarts) gradient updates for every parameter of this subtree. */
    public void setFrozen(boolean frozen) {
        for (Parameter p : namedParameters().values()) {
            p.setRequiresGrad(!frozen);
        }
    }

    /** Clears any state carried between calls (neuron membrane potentials); recursive. */
    public void resetState() {
        for (CarriedState<?> c : carriedStates) {
            c.clear();
        }
        for (Module c : children.values()) {
            c.resetState();
        }
    }

    /**
     * Time-slicing online training (LM-H, docs/spec.md): when on, every stateful layer of this subtree starts each
     * {@link #forward} from the state its previous forward ended in, with the gradient stopped at that boundary
     * (a learnable initial state enters only the first slice after {@link #resetState()}); when off (the default),
     * every forward starts from the initial state. Recursive; stateful layers hold their state in a
     * {@link #registerCarriedState registered} {@link CarriedState}, which this switches.
     */
    public void carryState(boolean on) {
        for (CarriedState<?> c : carriedStates) {
            c.switchTo(on);
        }
        for (Module c : children.values()) {
            c.carryState(on);
        }
    }

    /**
     * A carried state of this layer, switched by {@link #carryState} and cleared by {@link #resetState}.
     *
     * @param shapeOf the per-step shape of a state ({@code [B, ...]}), compared with the next forward's input
     * @param detach  a copy of the state cut off from the tape ({@code Tensor::detachCopy}: the graph's buffers are recycled)
     */
    protected final <S> CarriedState<S> registerCarriedState(java.util.function.Function<S, long[]> shapeOf,
                                                             java.util.function.UnaryOperator<S> detach) {
        CarriedState<S> c = new CarriedState<>(shapeOf, detach);
        carriedStates.add(c);
        return c;
    }

    /**
     * A table of the tree: one line per module (indented by depth) with its own parameters' shapes
     * and count, and the total, e.g. for logging a model before training.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        namedModules().forEach((path, m) -> {
            int depth = path.isEmpty() ? 0 : path.split("\\.").length;
            long own = 0;
            StringBuilder shapes = new StringBuilder();
            for (Map.Entry<String, Parameter> e : m.parameters.entrySet()) {
                own += e.getValue().length();
                shapes.append(' ').append(e.getKey()).append(Arrays.toString(e.getValue().shape()));
            }
            sb.append("  ".repeat(depth)).append(path.isEmpty() ? "(root)" : path).append(": ").append(m);
            if (own > 0) {
                sb.append(" —").append(shapes).append(" = ").append(own);
            }
            sb.append('\n');
        });
        sb.append("total trainable parameters: ").append(parameterCount());
        return sb.toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
