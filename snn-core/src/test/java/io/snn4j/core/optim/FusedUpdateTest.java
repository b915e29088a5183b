package io.snn4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import io.snn4j.core.nn.Parameter;
import io.snn4j.core.optim.reference.ReferenceUpdates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused element-wise passes of Sgd/Adam/AdamW give the results of the plain ND4J formulation
 * ({@link ReferenceUpdates}) step after step, in DOUBLE to round-off and in FLOAT to float precision,
 * for small parameters and for ones large enough to be split over threads, with weight decay, per-group
 * learning-rate scales and folded gradient clipping.
 */
class FusedUpdateTest {
    /** Shapes of a small conv net plus one parameter split into several parallel chunks. */
    static final long[][] SHAPES = {{16, 2, 3, 3}, {16}, {3 * ElementwisePass.CHUNK + 123}, {10, 64}, {10}, {1}};

    static INDArray random(SplittableRandom r, DataType dt, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return Nd4j.createFromArray(v).castTo(dt).reshape(shape);
    }

    /** Parameters (weights decayed, biases not, as ParamGroups would split them) and a gradient per step. */
    record Setup(List<Parameter> params, List<List<INDArray>> grads) {
        static Setup of(DataType dt, int steps, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            List<Parameter> ps = new ArrayList<>();
            for (long[] s : SHAPES) {
                INDArray v = random(r, dt, s);
                ps.add(s.length == 1 ? Parameter.noDecay(v) : Parameter.of(v));
            }
            List<List<INDArray>> gs = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                List<INDArray> g = new ArrayList<>();
                for (long[] s : SHAPES) {
                    g.add(random(r, dt, s).muli(t == 1 ? 50 : 1)); // step 1 is large: clipping engages
                }
                gs.add(g);
            }
            return new Setup(ps, gs);
        }

        List<ParamGroup> groups(double wd) {
            List<Parameter> decay = params.stream().filter(Parameter::weightDecay).toList();
            List<Parameter> rest = params.stream().filter(p -> !p.weightDecay()).toList();
            return List.of(ParamGroup.of("decay", decay, wd), ParamGroup.of("no_decay", rest, 0.0).withLrScale(0.5));
        }
    }

    interface Reference {
        /** One reference step over all parameters, gradients as given (already clipped when clipping). */
        void step(List<INDArray> values, List<INDArray> grads, int t);
    }

    /** Runs the optimizer and the reference side by side and compares parameters after every step. */
    static void compare(DataType dt, Function<List<ParamGroup>, Optimizer> make, double wd, Double clip,
                        Function<Setup, Reference> reference, double tol) {
        int steps = 4;
        Setup fused = Setup.of(dt, steps, 7);
        Setup ref = Setup.of(dt, steps, 7);
        Optimizer opt = make.apply(fused.groups(wd));
        Reference rs = reference.apply(ref);
        List<INDArray> refValues = ref.params.stream().map(Parameter::value).toList();
        // the optimizer's state index order: the decay group first
        List<Integer> order = new ArrayList<>();
        for (ParamGroup g : fused.groups(wd)) {
            for (Parameter p : g.params()) {
                order.add(fused.params.indexOf(p));
            }
        }
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            for (int i = 0; i < SHAPES.length; i++) {
                Parameter p = fused.params.get(i);
                p.mul(Parameter.of(fused.grads.get(t).get(i))).sum().backward();
            }
            List<INDArray> refGrads = new ArrayList<>();
            for (int k : order) {
                refGrads.add(ref.grads.get(t).get(k).dup());
            }
            List<INDArray> refOrdered = order.stream().map(refValues::get).toList();
            if (clip != null) {
                double n1 = opt.stepWithClipping(clip);
                double n2 = ReferenceUpdates.clipGradNorm(refGrads, clip);
                assertEquals(n2, n1, 1e-12 * n2 + (dt == DataType.FLOAT ? 1e-4 * n2 : 0), "norm at step " + t);
            } else {
                opt.step();
            }
            rs.step(refOrdered, refGrads, t + 1);
            for (int i = 0; i < SHAPES.length; i++) {
                double[] a = fused.params.get(i).value().castTo(DataType.DOUBLE).ravel().toDoubleVector();
                double[] e = refValues.get(i).castTo(DataType.DOUBLE).ravel().toDoubleVector();
                for (int j = 0; j < e.length; j++) {
                    if (Math.abs(a[j] - e[j]) > tol * (1 + Math.abs(e[j]))) {
                        throw new AssertionError(opt + " " + dt + ": step " + (t + 1) + ", parameter " + i + "[" + j
                                + "] is " + a[j] + ", reference " + e[j]);
                    }
                }
            }
        }
    }

    static Reference sgdReference(Setup s, Sgd.Options o, double wd) {
        INDArray[] bufs = new INDArray[SHAPES.length];
        return (values, grads, t) -> {
            for (int i = 0; i < values.size(); i++) {
                boolean decayGroup = i < s.params.stream().filter(Parameter::weightDecay).count();
                bufs[i] = ReferenceUpdates.sgd(values.get(i), grads.get(i), bufs[i], o,
                        o.lr() * (decayGroup ? 1 : 0.5), decayGroup ? wd : 0);
            }
        };
    }

    static Reference adamReference(Setup s, Adam.Options o, double wd, boolean decoupled) {
        List<INDArray[]> st = new ArrayList<>();
        return (values, grads, t) -> {
            long decayCount = s.params.stream().filter(Parameter::weightDecay).count();
            for (int i = 0; i < values.size(); i++) {
                if (st.size() <= i) {
                    st.add(new INDArray[] {Nd4j.zerosLike(values.get(i)), Nd4j.zerosLike(values.get(i))});
                }
                boolean decayGroup = i < decayCount;
                ReferenceUpdates.adam(values.get(i), grads.get(i), st.get(i)[0], st.get(i)[1], t, o,
                        o.lr() * (decayGroup ? 1 : 0.5), decayGroup ? wd : 0, decoupled);
            }
        };
    }

    static final double DOUBLE_TOL = 1e-14;
    static final double FLOAT_TOL = 2e-6;

    @Test
    void sgdVariantsMatchTheReference() {
        List<Sgd.Options> variants = List.of(
                Sgd.Options.builder().lr(0.1).build(),
                Sgd.Options.builder().lr(0.1).momentum(0.9).build(),
                Sgd.Options.builder().lr(0.1).momentum(0.8).dampening(0.3).build(),
                Sgd.Options.builder().lr(0.1).momentum(0.9).nesterov(true).build());
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (Sgd.Options o : variants) {
                for (double wd : new double[] {0, 5e-3}) {
                    for (Double clip : new Double[] {null, 3.0}) {
                        compare(dt, g -> new Sgd(g, o), wd, clip, s -> sgdReference(s, o, wd),
                                dt == DataType.DOUBLE ? DOUBLE_TOL : FLOAT_TOL);
                    }
                }
            }
        }
    }

    @Test
    void adamAndAdamWMatchTheReference() {
        Adam.Options o = Adam.Options.builder().lr(0.01).betas(0.8, 0.99).eps(1e-6).build();
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (boolean decoupled : new boolean[] {false, true}) {
                for (double wd : new double[] {0, 0.05}) {
                    for (Double clip : new Double[] {null, 3.0}) {
                        compare(dt, g -> decoupled ? new AdamW(g, o) : new Adam(g, o), wd, clip,
                                s -> adamReference(s, o, wd, decoupled), dt == DataType.DOUBLE ? DOUBLE_TOL : FLOAT_TOL);
                    }
                }
            }
        }
    }

    @Test
    void dampenedMomentumFollowsPyTorch() {
        // torch.optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.5) on 0.5·p², p0 = 1:
        // t1: g=1, b=g=1 (no dampening on the first step), p=0.9
        // t2: g=0.9, b=0.9·1 + 0.5·0.9 = 1.35, p=0.765
        // t3: g=0.765, b=0.9·1.35 + 0.5·0.765 = 1.5975, p=0.60525
        double[][] traj = OptimizerTest.run(p -> new Sgd(List.of(p),
                Sgd.Options.builder().lr(0.1).momentum(0.9).dampening(0.5).build()), 3);
        OptimizerTest.assertTrajectory(new double[] {0.9, 0.765, 0.60525}, traj);
    }

    @Test
    void stepWithClippingLeavesGradientsAndScalesTheUpdate() {
        // gradient [3, 4] (norm 5), clipped to 1: plain SGD lr 1 moves p by [3, 4]/(5 + 1e-6)
        Parameter p = Parameter.of(Nd4j.createFromArray(0.0, 0.0));
        Sgd opt = new Sgd(List.of(p), Sgd.Options.builder().lr(1).build());
        p.mul(Parameter.of(Nd4j.createFromArray(3.0, 4.0))).sum().backward();
        double norm = opt.stepWithClipping(1.0);
        assertEquals(5.0, norm, 1e-15);
        double c = 1.0 / (5.0 + 1e-6);
        assertArrayEquals(new double[] {-3 * c, -4 * c}, p.value().toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {3, 4}, p.grad().toDoubleVector(), 0.0, "gradients are not scaled in place");
        // below the bound nothing is scaled
        opt.stepWithClipping(10.0);
        assertArrayEquals(new double[] {-3 * c - 3, -4 * c - 4}, p.value().toDoubleVector(), 1e-15);
        OptimizerTest.assertMessage("maxNorm", () -> opt.stepWithClipping(-1));
    }

    @Test
    void passesReadAndWriteViewsAndOtherTypes() {
        // y = 2·x + z over a transposed DOUBLE view x, a FLOAT z and a written view y of a larger array
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 4}, {2, 5}, {3, 6}}).transpose();
        INDArray z = Nd4j.createFromArray(new float[][] {{0.5f, 0.5f, 0.5f}, {1, 1, 1}});
        INDArray big = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        INDArray y = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray h = Nd4j.createFromArray(new short[] {1, 2, 3, 4, 5, 6}).castTo(DataType.HALF).reshape(2, 3);
        ElementwisePass.runAll(List.of(ElementwisePass.of(new INDArray[] {x, z, y, h}, new boolean[] {false, false, true, true},
                (r, len) -> {
                    for (int i = 0; i < len; i++) {
                        r[2][i] = 2 * r[0][i] + r[1][i];
                        r[3][i] = r[3][i] * 10;
                    }
                })));
        assertArrayEquals(new double[] {0, 0, 0, 2.5, 4.5, 6.5, 9, 11, 13, 0, 0, 0}, big.ravel().toDoubleVector(), 0.0);
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60}, h.castTo(DataType.DOUBLE).ravel().toDoubleVector(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, x.ravel().toDoubleVector(), 0.0, "read-only arrays are untouched");
    }

    @Test
    void sumOfSquaresIsExactOverChunksAndTypes() {
        INDArray a = Nd4j.valueArrayOf(new long[] {3L * ElementwisePass.CHUNK + 5}, 0.5, DataType.FLOAT);
        INDArray b = Nd4j.createFromArray(new double[][] {{3, 4}}).transpose();
        assertEquals((3L * ElementwisePass.CHUNK + 5) * 0.25 + 25, ElementwisePass.sumOfSquares(List.of(a, b)), 0.0);
    }
}
