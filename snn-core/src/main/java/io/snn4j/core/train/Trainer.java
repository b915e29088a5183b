package io.snn4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Stochastic;
import io.snn4j.core.optim.LrSchedule;
import io.snn4j.core.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of snn4j (DJL's {@code Trainer} shape): model, objective (a loss with its prediction rule),
 * optimizer, data and a {@link TrainerConfig}; {@link #fit()} trains and evaluates after every epoch,
 * {@link #evaluate()} only evaluates. Everything around the loop is a {@link TrainingListener}: the progress line
 * ({@link ProgressLogger}), the energy estimate ({@link EnergyListener}, {@link Builder#energyEstimate}), the run directory ({@link RunDirectory}:
 * config, metrics CSV, checkpoints, chart), and whatever the user adds (firing rates come from
 * {@code io.snn4j.neurons.FiringRateListener}).
 *
 * <pre>{@code
 * TrainingResult r = Trainer.builder()
 *         .model(model).loss(new TetLoss())
 *         .optimizer(m -> new Adam(ParamGroups.splitWeightDecay(m, 0.0), Adam.Options.of(1e-3)))
 *         .trainData(train).testData(test)
 *         .config(TrainerConfig.builder().epochs(2).timeSteps(4).schedule(CosineSchedule.toZero(1e-3, 2)).build())
 *         .runDirectory(Path.of("runs/demo"))
 *         .build().fit();
 * }</pre>
 *
 * <p>Per batch: zero gradients, forward over T steps, loss = objective (+ λ-weighted {@link AuxiliaryLosses} of
 * the model while {@link TrainerConfig#auxiliaryLossActive}), divergence guard, backward, clipping, optimizer
 * step. With {@link TrainerConfig#timeSlice()} k the model carries its state across forwards
 * ({@link Module#carryState}), is reset at each batch start, and each slice of k steps is one optimizer step on
 * the loss of that slice's outputs (LM-H's time-slicing online training, docs/spec.md §4). The learning-rate schedule is
 * applied once per epoch. Time-inheritance stages ({@link TitStage}) continue the trained parameters at a new T
 * with a fresh optimizer ({@link TimeInheritance}). Not thread-safe; one {@code fit()} at a time.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    static final String META_STAGE = "trainer.stage";
    static final String META_TIME_STEPS = "trainer.timeSteps";
    static final String META_BEST_ACC = "trainer.bestAccuracy";
    static final String META_BEST_EPOCH = "trainer.bestEpoch";
    static final String META_OBJECTIVE = "trainer.objective";
    static final String META_SEED = "trainer.seed";
    static final String RNG_PREFIX = "module:";

    private final IntFunction<Module> models;
    private final Objective objective;
    private final Function<Module, Optimizer> optimizers;
    private final BatchSource trainData;
    private final BatchSource testData;
    private final TrainerConfig config;
    private final List<TrainingListener> listeners;
    private final Path runDirectory;
    private final boolean resume;
    private final State state = new State();

    private Trainer(Builder b) {
        models = b.models;
        objective = b.objective;
        optimizers = b.optimizers;
        trainData = b.trainData;
        testData = b.testData;
        config = b.config;
        runDirectory = b.runDirectory;
        resume = b.resume;
        List<TrainingListener> all = new ArrayList<>();
        all.add(new ProgressLogger());
        if (b.energyEstimate) {
            all.add(new EnergyListener());
        }
        if (runDirectory != null) {
            all.add(new RunDirectory(runDirectory));
        }
        all.addAll(b.listeners);
        listeners = Collections.unmodifiableList(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    public TrainerConfig config() {
        return config;
    }

    /** The current model (the first stage's before {@link #fit()}, the last trained one after). */
    public Module model() {
        if (state.model == null) {
            state.model = createModel(config.stageTimeSteps(0));
            state.timeSteps = config.stageTimeSteps(0);
        }
        return state.model;
    }

    /** The current optimizer, or null before {@link #fit()}. */
    public Optimizer optimizer() {
        return state.optimizer;
    }

    // ---------------------------------------------------------------- fit

    /**
     * Trains for all epochs of all stages, evaluating on the test data after each (when there is test data).
     * With {@link Builder#resume(boolean) resume} and a run directory holding {@code last.ckpt}, continues from
     * it: model, optimizer, epoch, step, generator states and metrics history are restored, so the remaining
     * epochs produce exactly what an uninterrupted run would have. A finished run is evaluated again.
     *
     * @throws IllegalArgumentException an empty training set, or input that does not fit the model (the message
     *                                  names the input shape and the layer's complaint)
     * @throws NonFiniteLossException   NaN/Inf loss, naming the step
     * @throws TrainingDivergedException the loss exploded ({@link DivergenceGuard}), naming the step
     */
    public TrainingResult fit() throws IOException {
        if (optimizers == null) {
            throw new IllegalStateException("Trainer: fit() needs an optimizer (builder.optimizer(model -> ...))");
        }
        if (trainData == null) {
            throw new IllegalStateException("Trainer: fit() needs training data (builder.trainData(...))");
        }
        if (trainData.size() <= 0) {
            throw new IllegalArgumentException("Trainer: the training set is empty (0 samples)");
        }
        State s = state;
        s.history.clear();
        s.bestAccuracy = Double.NaN;
        s.bestEpoch = 0;
        s.step = 0;
        int firstEpoch = 0;
        Path last = runDirectory == null ? null : runDirectory.resolve(RunDirectory.LAST_CHECKPOINT);
        if (resume && last != null && Files.exists(last)) {
            Checkpoint ck = Checkpoint.load(last);
            int stage = Integer.parseInt(meta(ck, META_STAGE));
            int t = config.stageTimeSteps(stage);
            if (!Integer.toString(t).equals(meta(ck, META_TIME_STEPS))) {
                throw new IllegalArgumentException(last + " was saved at T=" + meta(ck, META_TIME_STEPS) + " in stage "
                        + stage + " but this configuration has T=" + t + " there");
            }
            if (!Long.toString(config.seed()).equals(meta(ck, META_SEED))) {
                throw new IllegalArgumentException(last + " was trained with seed " + meta(ck, META_SEED)
                        + " (data order and augmentation) but this configuration has seed " + config.seed());
            }
            if (!objective.name().equals(meta(ck, META_OBJECTIVE))) {
                throw new IllegalArgumentException(last + " was trained with loss " + meta(ck, META_OBJECTIVE)
                        + " but this trainer has " + objective.name());
            }
            s.model = createModel(t);
            s.timeSteps = t;
            s.stage = stage;
            s.optimizer = optimizers.apply(s.model);
            ck.applyTo(s.model, s.optimizer);
            restoreGenerators(s.model, ck);
            s.step = ck.globalStep();
            firstEpoch = ck.epoch() + 1;
            s.bestAccuracy = Double.parseDouble(meta(ck, META_BEST_ACC));
            s.bestEpoch = Integer.parseInt(meta(ck, META_BEST_EPOCH));
            for (Map<String, Double> row : RunDirectory.readMetrics(runDirectory)) {
                Double e = row.get("epoch");
                if (e != null && e <= firstEpoch) {
                    s.history.add(row);
                }
            }
            LOG.info("resumed {} at epoch {} of {} (step {}, T={})", last, firstEpoch + 1, config.totalEpochs(), s.step, t);
        } else {
            s.stage = 0;
            s.timeSteps = config.stageTimeSteps(0);
            if (s.model == null) {
                s.model = createModel(s.timeSteps);
            }
            s.optimizer = optimizers.apply(s.model);
        }
        s.epoch = firstEpoch;
        checkInputFits(s.model, s.timeSteps, firstEpoch);
        for (TrainingListener l : listeners) {
            l.onTrainingStart(s);
        }
        Evaluation lastEval = null;
        for (int epoch = firstEpoch; epoch < config.totalEpochs(); epoch++) {
            int stage = stageOf(epoch);
            if (stage != s.stage) {
                enterStage(stage, epoch);
            }
            lastEval = runEpoch(epoch);
        }
        if (lastEval == null && testData != null) { // resumed a finished run: report its real accuracy
            lastEval = evaluate();
        }
        TrainingResult result = new TrainingResult(s.model, lastEval, s.bestAccuracy, s.bestEpoch, s.history, runDirectory);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(s, result);
        }
        return result;
    }

    private static String meta(Checkpoint ck, String key) {
        String v = ck.metadata().get(key);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint " + ck.source() + " was not written by a Trainer (no metadata '"
                    + key + "')");
        }
        return v;
    }

    private int stageOf(int epoch) {
        for (int st = 0; st < config.stageCount(); st++) {
            if (epoch < config.stageStart(st) + config.stageEpochs(st)) {
                return st;
            }
        }
        throw new IllegalStateException("epoch " + epoch + " is past the last stage");
    }

    /** Time inheritance: the next stage's model at its T, initialised from the current parameters; a fresh optimizer. */
    private void enterStage(int stage, int epoch) {
        State s = state;
        int newT = config.stageTimeSteps(stage);
        Module next = createModel(newT);
        TimeInheritance.transfer(s.model, next, s.timeSteps, newT);
        LOG.info("time inheritance: stage {} continues at T={} (from T={}) with a fresh optimizer", stage, newT, s.timeSteps);
        s.model = next;
        s.timeSteps = newT;
        s.stage = stage;
        s.optimizer = optimizers.apply(next);
        checkInputFits(next, newT, epoch);
    }

    private Module createModel(int timeSteps) {
        Module m = models.apply(timeSteps);
        if (m == null) {
            throw new IllegalStateException("Trainer: the model factory returned null for T=" + timeSteps);
        }
        return m;
    }

    private Evaluation runEpoch(int epoch) throws IOException {
        State s = state;
        Module model = s.model;
        Optimizer opt = s.optimizer;
        int stageEpoch = epoch - config.stageStart(s.stage);
        LrSchedule schedule = config.stageSchedule(s.stage);
        if (schedule != null) {
            schedule.apply(opt, stageEpoch);
        }
        double lr = opt.learningRate();
        boolean aux = config.auxiliaryLossActive(epoch);
        int k = config.timeSlice();
        s.epoch = epoch;
        s.epochLoss = 0;
        s.epochCorrect = 0;
        s.epochSamples = 0;
        s.epochStart = System.nanoTime();
        model.train(true);
        model.carryState(k > 0);
        DivergenceGuard.Monitor guard = s.guard(config.divergenceGuard());
        try (BatchSource.Epoch batches = trainData.epoch(config.seed(), epoch, s.timeSteps)) {
            s.batchCount = batches.batchCount();
            s.batch = 0;
            for (TrainingListener l : listeners) {
                l.onEpochStart(s);
            }
            while (batches.hasNext()) {
                LabeledBatch b = batches.next();
                checkTimeSteps(b, s.timeSteps);
                for (TrainingListener l : listeners) {
                    l.onBatchStart(s);
                }
                double lossValue;
                double[] stepLosses;
                INDArray outputs;
                if (k <= 0) {
                    opt.zeroGrad();
                    Tensor out = model.forward(Tensor.constant(b.x()));
                    Tensor loss = totalLoss(model, out, b.labels(), aux);
                    lossValue = loss.item();
                    guard.check(lossValue, s.step, context(epoch, s.batch));
                    loss.backward();
                    step(opt);
                    s.step++;
                    outputs = out.value().dup();
                    loss.releaseGraph();     // the step's activations go back to the buffer pool now, not at GC
                    stepLosses = new double[] {lossValue};
                } else {
                    model.resetState();
                    List<INDArray> parts = new ArrayList<>();
                    stepLosses = new double[(s.timeSteps + k - 1) / k];
                    double sum = 0;
                    int slices = 0;
                    for (int t0 = 0; t0 < s.timeSteps; t0 += k) {
                        int len = Math.min(k, s.timeSteps - t0);
                        INDArray xs = b.x().get(sliceIndex(b.x().rank(), t0, len)).dup();
                        opt.zeroGrad();
                        Tensor out = model.forward(Tensor.constant(xs));
                        Tensor loss = totalLoss(model, out, b.labels(), aux);
                        double v = loss.item();
                        guard.check(v, s.step, context(epoch, s.batch) + ", slice " + slices);
                        loss.backward();
                        step(opt);
                        s.step++;
                        sum += v;
                        stepLosses[slices] = v;
                        slices++;
                        parts.add(out.value().dup());
                        loss.releaseGraph();
                    }
                    model.resetState();
                    lossValue = sum / slices;
                    outputs = Nd4j.concat(0, parts.toArray(new INDArray[0]));
                }
                int correct = countCorrect(objective.predict(outputs), b.labels());
                s.epochLoss += lossValue * b.size();
                s.epochCorrect += correct;
                s.epochSamples += b.size();
                BatchResult r = new BatchResult(epoch, s.batch, s.step, lossValue, stepLosses, correct, b.size());
                for (TrainingListener l : listeners) {
                    l.onBatchEnd(s, r);
                }
                s.batch++;
            }
        } finally {
            model.carryState(false);
        }
        double seconds = (System.nanoTime() - s.epochStart) / 1e9;
        Metrics m = new Metrics();
        m.put("epoch", epoch + 1);
        m.put("stage", s.stage);
        m.put("T", s.timeSteps);
        m.put("lr", lr);
        m.put("train_loss", s.epochSamples == 0 ? Double.NaN : s.epochLoss / s.epochSamples);
        m.put("train_acc", s.epochSamples == 0 ? Double.NaN : (double) s.epochCorrect / s.epochSamples);
        Evaluation ev = null;
        if (testData != null) {
            ev = evaluate();
            ev.writeTo(m, "test_");
            if (Double.isNaN(s.bestAccuracy) || ev.accuracy() > s.bestAccuracy) {
                s.bestAccuracy = ev.accuracy();
                s.bestEpoch = epoch + 1;
            }
        }
        m.put("train_time_s", seconds);
        m.put("train_samples_per_s", s.epochSamples / Math.max(seconds, 1e-9));
        s.history.add(m.asMap());
        for (TrainingListener l : listeners) {
            l.onEpochEnd(s, m);
        }
        return ev;
    }

    /** {@code [t0, t0 + len)} on dim 0, everything on the other dims. */
    private static INDArrayIndex[] sliceIndex(int rank, int t0, int len) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(t0, t0 + len);
        for (int i = 1; i < rank; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return idx;
    }

    private Tensor totalLoss(Module model, Tensor out, int[] labels, boolean aux) {
        Tensor task = objective.loss(out, labels);
        if (!aux) {
            return task;
        }
        List<Tensor> terms = AuxiliaryLosses.collect(model);
        return terms.isEmpty() ? task : AuxiliaryLosses.mix(task, terms, config.auxiliaryLossWeight());
    }

    /** One optimizer step; with clipping, the clip factor is folded into the fused update pass. */
    private void step(Optimizer opt) {
        if (config.clipGradNorm() > 0) {
            opt.stepWithClipping(config.clipGradNorm());
        } else {
            opt.step();
        }
    }

    private String context(int epoch, int batch) {
        return "epoch " + (epoch + 1) + ", batch " + (batch + 1) + ", loss " + objective.name();
    }

    private static void checkTimeSteps(LabeledBatch b, int t) {
        if (b.x().size(0) != t) {
            throw new IllegalArgumentException("Trainer: the data gave a batch of shape " + Arrays.toString(b.x().shape())
                    + " but the run is at T=" + t + " (expected [" + t + ", B, ...])");
        }
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * Evaluates the current model on the test data in eval mode without gradients (see {@link Evaluation}),
     * with the listeners' evaluation callbacks (firing rates, energy). The model is back in training mode after.
     */
    public Evaluation evaluate() {
        if (testData == null) {
            throw new IllegalStateException("Trainer: evaluate() needs test data (builder.testData(...))");
        }
        State s = state;
        Module model = model();
        boolean wasTraining = model.isTraining();
        model.eval();
        Map<String, Long> trainingDraws = generatorStates(model);
        setGenerators(model, evaluationStates(trainingDraws.keySet()));
        for (TrainingListener l : listeners) {
            l.onEvaluationStart(s);
        }
        int t = s.timeSteps;
        double lossSum = 0;
        int seen = 0;
        int correct = 0;
        int correctMean = 0;
        int correctLast = 0;
        int[] correctStep = new int[t];
        try (GradMode.Scope ignored = GradMode.noGrad();
             BatchSource.Epoch batches = testData.epoch(config.seed(), 0, t)) {
            while (batches.hasNext()) {
                LabeledBatch b = batches.next();
                checkTimeSteps(b, t);
                Tensor out = model.forward(Tensor.constant(b.x()));
                INDArray o = out.value();
                lossSum += objective.loss(out, b.labels()).item() * b.size();
                correct += countCorrect(objective.predict(o), b.labels());
                correctMean += countCorrect(argmax(o.mean(0)), b.labels());
                correctLast += countCorrect(argmax(o.slice(t - 1)), b.labels());
                for (int step = 0; step < t; step++) {
                    correctStep[step] += countCorrect(argmax(o.slice(step)), b.labels());
                }
                seen += b.size();
            }
        } finally {
            model.train(wasTraining);
            setGenerators(model, trainingDraws);
        }
        if (seen == 0) {
            throw new IllegalArgumentException("Trainer: the test set is empty (0 samples)");
        }
        double[] perStep = new double[t];
        for (int i = 0; i < t; i++) {
            perStep[i] = (double) correctStep[i] / seen;
        }
        Evaluation core = new Evaluation(seen, lossSum / seen, (double) correct / seen, (double) correctMean / seen,
                (double) correctLast / seen, perStep, Map.of());
        Metrics extra = new Metrics();
        for (TrainingListener l : listeners) {
            l.onEvaluationEnd(s, core, extra);
        }
        return new Evaluation(core.samples(), core.loss(), core.accuracy(), core.meanOutputAccuracy(),
                core.lastStepAccuracy(), perStep, extra.asMap());
    }

    /**
     * Generator states for an evaluation pass, derived from the seed and the module path alone: an evaluation of
     * the same model draws the same random numbers (MPE-PSN samples its masks at inference too) whatever ran
     * before, and leaves the training draws untouched (they are restored afterwards).
     */
    private Map<String, Long> evaluationStates(Iterable<String> paths) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String p : paths) {
            out.put(p, new io.snn4j.core.rng.SplitMix64(config.seed() ^ 0x5DEECE66DL).nextLong() + p.hashCode());
        }
        return out;
    }

    /** Row-wise argmax of a {@code [B, K]} array. */
    static int[] argmax(INDArray scores) {
        INDArray idx = Nd4j.argMax(scores, 1);
        int[] out = new int[(int) scores.size(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx.getInt(i);
        }
        return out;
    }

    static int countCorrect(int[] pred, int[] labels) {
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (pred[i] == labels[i]) {
                c++;
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- input check and generators

    /**
     * One forward of the first training batch in eval mode without gradients, so a model that does not fit the
     * data fails at once with both shapes named; generator states and carried state are restored afterwards so
     * the check changes nothing a resumed run could notice.
     */
    private void checkInputFits(Module model, int t, int epoch) {
        LabeledBatch first;
        try (BatchSource.Epoch batches = trainData.epoch(config.seed(), epoch, t)) {
            if (!batches.hasNext()) {
                throw new IllegalArgumentException("Trainer: the training data yields no batches at epoch " + (epoch + 1));
            }
            first = batches.next();
        }
        checkTimeSteps(first, t);
        Map<String, Long> rng = generatorStates(model);
        boolean wasTraining = model.isTraining();
        model.eval();
        INDArray o;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            o = model.forward(Tensor.constant(first.x())).value();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Trainer: the model does not accept the training input of shape "
                    + Arrays.toString(first.x().shape()) + " (T=" + t + "): " + e.getMessage(), e);
        } finally {
            model.train(wasTraining);
            model.resetState();
            setGenerators(model, rng);
        }
        if (o.rank() != 3 || o.size(0) != t || o.size(1) != first.size()) {
            throw new IllegalArgumentException("Trainer: the model should output [T=" + t + ", B=" + first.size()
                    + ", K] for input " + Arrays.toString(first.x().shape()) + " but gave " + Arrays.toString(o.shape()));
        }
        int max = Arrays.stream(first.labels()).max().orElse(0);
        if (max >= o.size(2)) {
            throw new IllegalArgumentException("Trainer: the model outputs K=" + o.size(2) + " classes but the data has label "
                    + max);
        }
    }

    /** Generator states of every {@link Stochastic} module, by module path. */
    static Map<String, Long> generatorStates(Module model) {
        Map<String, Long> out = new LinkedHashMap<>();
        model.namedModules().forEach((path, m) -> {
            if (m instanceof Stochastic st && st.generator() != null) {
                out.put(path, st.generator().state());
            }
        });
        return out;
    }

    private static void setGenerators(Module model, Map<String, Long> states) {
        model.namedModules().forEach((path, m) -> {
            Long v = states.get(path);
            if (v != null && m instanceof Stochastic st && st.generator() != null) {
                st.generator().setState(v);
            }
        });
    }

    private static void restoreGenerators(Module model, Checkpoint ck) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (String path : generatorStates(model).keySet()) {
            states.put(path, ck.rngState(RNG_PREFIX + path));
        }
        setGenerators(model, states);
    }

    // ---------------------------------------------------------------- state

    /** The loop's mutable state, seen by listeners as a {@link TrainingContext}. */
    private final class State implements TrainingContext {
        Module model;
        Optimizer optimizer;
        int stage;
        int timeSteps;
        int epoch;
        int batch;
        int batchCount;
        long step;
        int epochSamples;
        double epochLoss;
        int epochCorrect;
        long epochStart = System.nanoTime();
        final List<Map<String, Double>> history = new ArrayList<>();
        double bestAccuracy = Double.NaN;
        int bestEpoch;
        private DivergenceGuard.Monitor monitor;

        DivergenceGuard.Monitor guard(DivergenceGuard g) {
            if (monitor == null) {
                monitor = g.newMonitor();
            }
            return monitor;
        }

        @Override
        public TrainerConfig config() {
            return config;
        }

        @Override
        public Module model() {
            return Trainer.this.model();
        }

        @Override
        public Optimizer optimizer() {
            return optimizer;
        }

        @Override
        public Objective objective() {
            return objective;
        }

        @Override
        public int stage() {
            return stage;
        }

        @Override
        public int timeSteps() {
            return timeSteps;
        }

        @Override
        public int epoch() {
            return epoch;
        }

        @Override
        public int totalEpochs() {
            return config.totalEpochs();
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public int batchCount() {
            return batchCount;
        }

        @Override
        public long globalStep() {
            return step;
        }

        @Override
        public int epochSamples() {
            return epochSamples;
        }

        @Override
        public double epochLossSum() {
            return epochLoss;
        }

        @Override
        public int epochCorrect() {
            return epochCorrect;
        }

        @Override
        public long epochStartNanos() {
            return epochStart;
        }

        @Override
        public Path runDirectory() {
            return runDirectory;
        }

        @Override
        public List<Map<String, Double>> history() {
            return Collections.unmodifiableList(history);
        }

        @Override
        public double bestAccuracy() {
            return bestAccuracy;
        }

        @Override
        public int bestEpoch() {
            return bestEpoch;
        }

        @Override
        public Checkpoint checkpoint() {
            if (optimizer == null) {
                throw new IllegalStateException("Trainer: no checkpoint before fit() has created the optimizer");
            }
            Checkpoint.Builder b = Checkpoint.builder().model(model).optimizer(optimizer).epoch(epoch).globalStep(step)
                    .metadata(META_STAGE, Integer.toString(stage))
                    .metadata(META_TIME_STEPS, Integer.toString(timeSteps))
                    .metadata(META_BEST_ACC, Double.toString(bestAccuracy))
                    .metadata(META_BEST_EPOCH, Integer.toString(bestEpoch))
                    .metadata(META_OBJECTIVE, objective.name())
                    .metadata(META_SEED, Long.toString(config.seed()));
            config.recipe().forEach((k, v) -> b.metadata("recipe." + k, v));
            generatorStates(model).forEach((path, v) -> b.rngState(RNG_PREFIX + path, v));
            return b.build();
        }
    }

    // ---------------------------------------------------------------- builder

    /** Builder of a {@link Trainer}; {@link #build()} checks that model and objective are set. */
    public static final class Builder {
        private IntFunction<Module> models;
        private Objective objective;
        private Function<Module, Optimizer> optimizers;
        private BatchSource trainData;
        private BatchSource testData;
        private TrainerConfig config = TrainerConfig.builder().build();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path runDirectory;
        private boolean resume;
        private boolean energyEstimate = true;

        private Builder() {
        }

        /** The model to train (its parameters must not depend on T if time-inheritance stages change T). */
        public Builder model(Module model) {
            Objects.requireNonNull(model, "model");
            models = t -> model;
            return this;
        }

        /**
         * A model for a given T: called for the first stage, for every time-inheritance stage (the trainer copies
         * the parameters over, see {@link TimeInheritance}) and on resume. Each call must build the same
         * architecture from the same seed.
         */
        public Builder model(IntFunction<Module> modelForTimeSteps) {
            models = Objects.requireNonNull(modelForTimeSteps, "modelForTimeSteps");
            return this;
        }

        /** The objective: a {@code SpikingLoss} (TET, TET-S, SDT, LTS, +MSE) or any {@link Objective}. */
        public Builder loss(Objective v) {
            objective = Objects.requireNonNull(v, "loss");
            return this;
        }

        /**
         * Creates the optimizer for a model: called once per stage (a fresh optimizer, as TIT requires) and on
         * resume (then its state is loaded from the checkpoint).
         */
        public Builder optimizer(Function<Module, Optimizer> factory) {
            optimizers = Objects.requireNonNull(factory, "optimizer");
            return this;
        }

        public Builder trainData(BatchSource v) {
            trainData = Objects.requireNonNull(v, "trainData");
            return this;
        }

        /** Evaluated after every epoch (optional for {@link #fit()}, required for {@link #evaluate()}). */
        public Builder testData(BatchSource v) {
            testData = Objects.requireNonNull(v, "testData");
            return this;
        }

        public Builder config(TrainerConfig v) {
            config = Objects.requireNonNull(v, "config");
            return this;
        }

        /** Adds a listener (after the built-in ones, in the order added). */
        public Builder listener(TrainingListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** Writes config, metrics CSV, checkpoints and chart to {@code dir} (see {@link RunDirectory}). */
        public Builder runDirectory(Path dir) {
            runDirectory = Objects.requireNonNull(dir, "runDirectory");
            return this;
        }

        /**
         * Whether evaluations count synaptic operations for the energy estimate ({@link EnergyListener}, default
         * true); counting costs one pass over each conv/linear input per evaluation batch.
         */
        public Builder energyEstimate(boolean v) {
            energyEstimate = v;
            return this;
        }

        /** Continue from the run directory's {@code last.ckpt} when there is one (default false: start afresh). */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        public Trainer build() {
            if (models == null) {
                throw new IllegalStateException("Trainer: a model is required (builder.model(...))");
            }
            if (objective == null) {
                throw new IllegalStateException("Trainer: a loss is required (builder.loss(...))");
            }
            if (resume && runDirectory == null) {
                throw new IllegalStateException("Trainer: resume needs a run directory (builder.runDirectory(...))");
            }
            return new Trainer(this);
        }
    }

    static void writeAtomically(Path target, byte[] bytes) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
