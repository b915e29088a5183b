package io.snn4j.core.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of first-order optimizers over {@link ParamGroup}s, following {@code torch.optim.Optimizer}:
 * {@link #step()} updates every parameter that requires a gradient and has one, in place on
 * {@link Parameter#value()}; parameters that are frozen or received no gradient are skipped
 * entirely (no weight decay, no state change).
 *
 * <h2>Learning rate</h2>
 * The optimizer holds one learning rate; group {@code g} uses {@code learningRate() * g.lrScale()}.
 * {@link #setLearningRate(double)} (what an {@link LrSchedule} calls) therefore keeps the per-group
 * ratios.
 *
 * <h2>State dict</h2>
 * Parameters are indexed 0, 1, ... in group order, parameter order within a group. Keys:
 * <ul>
 *   <li>{@code "lr"}: DOUBLE scalar, the current learning rate;</li>
 *   <li>{@code "step_count"}: LONG scalar, number of {@link #step()} calls;</li>
 *   <li>{@code "{i}.step"}: LONG scalar, number of updates applied to parameter {@code i};</li>
 *   <li>{@code "{i}.{buffer}"}: the optimizer's per-parameter buffers, shaped and typed like the
 *       parameter ({@code momentum_buffer} for SGD, {@code exp_avg} and {@code exp_avg_sq} for Adam).</li>
 * </ul>
 * Parameters that were never updated have no {@code "{i}.*"} entries.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups;
    private final List<Parameter> flat = new ArrayList<>();
    private final int[] groupOf;
    private double lr;
    private long stepCount;
    private final List<ParamState> state;

    /** Per-parameter state: the number of updates and named buffers (same shape/type as the parameter). */
    protected static final class ParamState {
        long step;
        final Map<String, INDArray> buffers = new LinkedHashMap<>();

        /** Number of updates applied so far (before the current one is counted by the subclass). */
        public long step() {
            return step;
        }

        public INDArray buffer(String name) {
            return buffers.get(name);
        }

        public void putBuffer(String name, INDArray value) {
            buffers.put(name, value);
        }
    }

    protected Optimizer(List<ParamGroup> groups, double lr) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException(name() + ": needs at least one parameter group");
        }
        this.groups = List.copyOf(groups);
        Map<Parameter, String> seen = new IdentityHashMap<>();
        List<Integer> gi = new ArrayList<>();
        for (int g = 0; g < this.groups.size(); g++) {
            ParamGroup group = this.groups.get(g);
            for (Parameter p : group.params()) {
                String prev = seen.put(p, group.name());
                if (prev != null) {
                    throw new IllegalArgumentException(name() + ": a parameter appears in groups '" + prev
                            + "' and '" + group.name() + "'");
                }
                flat.add(p);
                gi.add(g);
            }
        }
        this.groupOf = gi.stream().mapToInt(Integer::intValue).toArray();
        this.state = new ArrayList<>(Collections.nCopies(flat.size(), (ParamState) null));
        setLearningRate(lr);
    }

    /** One group {@code "all"} with the given weight decay. */
    protected static List<ParamGroup> singleGroup(Collection<Parameter> params, double weightDecay) {
        return List.of(ParamGroup.of("all", params, weightDecay));
    }

    /** Short name for messages ("Sgd", "Adam", ...). */
    protected String name() {
        return getClass().getSimpleName();
    }

    /** The names of the per-parameter buffers this optimizer keeps (for state-dict validation). */
    protected abstract Set<String> bufferNames();

    /**
     * One parameter's update as a single {@link ElementwisePass} over the parameter, its gradient and
     * its state buffers (created here on the first update). {@code st.step()} is the number of earlier
     * updates; the base class increments it after the pass ran. The rule must use
     * {@code gradient · gradScale} as the gradient (global-norm clipping folded into the pass; 1 when
     * not clipping).
     */
    protected abstract ElementwisePass update(Parameter p, INDArray grad, double gradScale, ParamState st,
                                              double lr, double weightDecay);

    /**
     * Applies one update to every trainable parameter that has a gradient: one fused element-wise pass
     * per parameter (read parameter, gradient and state once, write parameter and state once), the
     * passes spread over the common fork-join pool when large.
     */
    public final void step() {
        stepScaled(1.0);
    }

    /**
     * {@link GradientClipping#clipGlobalNorm} followed by {@link #step()}, in two passes instead of
     * four: one read of the gradients for their global L2 norm, then the update pass with the clipping
     * factor {@code maxNorm / (norm + 1e-6)} (when below 1) applied to each gradient element as it is
     * read. Unlike {@code clipGlobalNorm} the stored gradients are left unscaled. A non-finite norm
     * clips nothing (as {@code clipGlobalNorm}). Returns the norm before clipping.
     */
    public final double stepWithClipping(double maxNorm) {
        GradientClipping.checkMaxNorm(maxNorm);
        List<INDArray> grads = new ArrayList<>();
        for (Parameter p : flat) {
            if (p.grad() != null) {
                grads.add(p.grad());
            }
        }
        double norm = Math.sqrt(ElementwisePass.sumOfSquares(grads));
        stepScaled(GradientClipping.factor(norm, maxNorm));
        return norm;
    }

    private void stepScaled(double gradScale) {
        // validate everything before any state is created, so a bad gradient changes nothing
        for (int i = 0; i < flat.size(); i++) {
            Parameter p = flat.get(i);
            INDArray g = p.grad();
            if (p.requiresGrad() && g != null && !Arrays.equals(g.shape(), p.shape())) {
                throw new IllegalStateException(name() + ": gradient of parameter " + i + " has shape "
                        + Arrays.toString(g.shape()) + " but the parameter has shape " + Arrays.toString(p.shape()));
            }
        }
        List<ElementwisePass> passes = new ArrayList<>();
        List<ParamState> updated = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            Parameter p = flat.get(i);
            INDArray g = p.grad();
            if (!p.requiresGrad() || g == null) {
                continue;
            }
            ParamGroup group = groups.get(groupOf[i]);
            ParamState st = state.get(i);
            if (st == null) {
                st = new ParamState();
                state.set(i, st);
            }
            passes.add(update(p, g, gradScale, st, lr * group.lrScale(), group.weightDecay()));
            updated.add(st);
        }
        ElementwisePass.runAll(passes);
        for (ParamState st : updated) {
            st.step++;
        }
        stepCount++;
    }

    /**
     * Clears the gradients of every parameter of every group, giving their buffers back to the buffer pool for the
     * next backward pass ({@link Tensor#releaseGrad()}): a gradient array taken from a parameter earlier must not be
     * used after this call (copy it to keep it).
     */
    public void zeroGrad() {
        for (Parameter p : flat) {
            p.releaseGrad();
        }
    }

    public List<ParamGroup> groups() {
        return groups;
    }

    /** All parameters in state-dict index order. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(flat);
    }

    /** Sets the learning rate; each group keeps its {@link ParamGroup#lrScale()} relative to it. */
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name() + ": lr must be finite and >= 0, got " + lr);
        }
        this.lr = lr;
    }

    /** The learning rate (group {@code g} uses this times {@code g.lrScale()}). */
    public double learningRate() {
        return lr;
    }

    /** The effective learning rate of group {@code g}. */
    public double learningRate(int group) {
        return lr * groups.get(group).lrScale();
    }

    /** Number of {@link #step()} calls so far (restored from state dicts). */
    public long stepCount() {
        return stepCount;
    }

    /**
     * The optimizer state (see the class comment for keys): its buffers themselves, not copies, as
     * {@link io.snn4j.core.nn.Module#stateDict()} and PyTorch's {@code Optimizer.state_dict()} give theirs (a
     * {@link io.snn4j.core.io.Checkpoint} copies what it keeps). Copying here made a checkpoint of Adam's moments
     * twice: 90 MB more native memory per save for SEW-ResNet-18.
     */
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("lr", Nd4j.scalar(DataType.DOUBLE, lr));
        out.put("step_count", Nd4j.scalar(DataType.LONG, stepCount));
        for (int i = 0; i < flat.size(); i++) {
            ParamState st = state.get(i);
            if (st == null) {
                continue;
            }
            out.put(i + ".step", Nd4j.scalar(DataType.LONG, st.step));
            for (Map.Entry<String, INDArray> e : st.buffers.entrySet()) {
                out.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Replaces the whole optimizer state by {@code sd} (copied). Everything is validated before
     * anything changes: unknown keys, parameter indices out of range, buffers whose shape differs
     * from the parameter's, and missing {@code lr}/{@code step_count} are errors naming the key.
     * The parameter list must be the same (same order, same shapes) as the optimizer that saved it.
     */
    public void loadStateDict(Map<String, INDArray> sd) {
        Set<String> names = bufferNames();
        for (String req : List.of("lr", "step_count")) {
            INDArray a = sd.get(req);
            if (a == null || a.length() != 1) {
                throw new IllegalArgumentException(name() + ": state dict needs a scalar '" + req + "'");
            }
        }
        Map<Integer, ParamState> loaded = new TreeMap<>();
        for (Map.Entry<String, INDArray> e : sd.entrySet()) {
            String k = e.getKey();
            if (k.equals("lr") || k.equals("step_count")) {
                continue;
            }
            int dot = k.indexOf('.');
            int idx;
            try {
                idx = dot > 0 ? Integer.parseInt(k.substring(0, dot)) : -1;
            } catch (NumberFormatException ex) {
                idx = -1;
            }
            String buf = dot > 0 ? k.substring(dot + 1) : "";
            if (idx < 0 || (!buf.equals("step") && !names.contains(buf))) {
                throw new IllegalArgumentException(name() + ": unexpected state dict key '" + k
                        + "' (expected lr, step_count, {index}.step or {index}." + names + ")");
            }
            if (idx >= flat.size()) {
                throw new IllegalArgumentException(name() + ": state dict key '" + k + "' refers to parameter "
                        + idx + " but this optimizer has " + flat.size() + " parameters");
            }
            ParamState st = loaded.computeIfAbsent(idx, x -> new ParamState());
            INDArray v = e.getValue();
            if (buf.equals("step")) {
                if (v.length() != 1) {
                    throw new IllegalArgumentException(name() + ": '" + k + "' must be a scalar");
                }
                st.step = v.getLong(0);
            } else {
                Parameter p = flat.get(idx);
                if (!Arrays.equals(v.shape(), p.shape())) {
                    throw new IllegalArgumentException(name() + ": cannot load '" + k + "': state shape "
                            + Arrays.toString(v.shape()) + " but parameter " + idx + " has shape " + Arrays.toString(p.shape()));
                }
                st.buffers.put(buf, v.castTo(p.dataType()).dup());
            }
        }
        setLearningRate(sd.get("lr").getDouble(0));
        stepCount = sd.get("step_count").getLong(0);
        Collections.fill(state, null);
        loaded.forEach(state::set);
    }

    @Override
    public String toString() {
        return name() + "(lr=" + lr + ", groups=" + groups + ")";
    }
}
