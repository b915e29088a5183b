package io.snn4j.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.snn4j.core.nn.MemoryEstimate;
import io.snn4j.core.nn.MemoryEstimator;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.AdamW;
import io.snn4j.core.optim.CosineSchedule;
import io.snn4j.core.optim.LrSchedule;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroup;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import io.snn4j.core.optim.StepSchedule;
import io.snn4j.core.train.DivergenceGuard;
import io.snn4j.core.train.Metrics;
import io.snn4j.core.train.NonFiniteLossException;
import io.snn4j.core.train.RunDirectory;
import io.snn4j.core.train.TitStage;
import io.snn4j.core.train.Trainer;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.core.train.TrainingContext;
import io.snn4j.core.train.TrainingDivergedException;
import io.snn4j.core.train.TrainingListener;
import io.snn4j.core.train.TrainingResult;
import io.snn4j.data.train.SampleBatches;
import io.snn4j.losses.LossSpec;
import io.snn4j.losses.SpikingLoss;
import io.snn4j.models.SpikingOutput;
import io.snn4j.models.SpikingOutput.Readout;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.FiringRateListener;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: builds model, loss, optimizer factory, schedule and data from the options and trains with the
 * library's {@link Trainer} (run directory, TIT stages, time slicing, divergence guard, auxiliary losses are the
 * Trainer's), evaluating on the test split after every epoch; the last line is {@code test_accuracy X}. Without
 * options it is the quick start: the small conv SNN on the embedded Fashion-MNIST subset. Every option is checked
 * before anything runs, and so is the memory the configuration needs ({@link MemoryEstimator}). The arguments are
 * recorded in the run's {@code config.json} so that {@code resume RUN_DIR} rebuilds the same run.
 */
@Command(name = "train", sortOptions = false,
        description = "Trains an SNN and evaluates it on the test split after every epoch; last line test_accuracy X. "
                + "Without options: the small conv SNN on the embedded Fashion-MNIST subset (quick start).")
final class TrainCommand extends CliCommand {
    /**
     * The losses of snn-losses (docs/spec.md §6), by their {@link LossSpec} names; the objectives on spikes or membrane
     * potentials need the model to end in a spiking output layer ({@link #head()}).
     */
    enum LossKind {
        TET("tet", null), TET_S("tet-s", null), SDT("sdt", null), LTS("lts", null),
        RATE_CE("rate-ce", Readout.SPIKES), MEMBRANE_CE("membrane-ce", Readout.MEMBRANE),
        TTFS("ttfs", Readout.SPIKES), TTFS_RECIPROCAL("ttfs-reciprocal", Readout.SPIKES);

        private final String label;
        private final Readout readout;

        LossKind(String label, Readout readout) {
            this.label = label;
            this.readout = readout;
        }

        /**
         * The output neurons of the spiking output layer: snnTorch's {@code Leaky} (β = 0.95, gain 1, θ = 1, reset
         * by subtraction), as in {@code RateVsTtfsExperiment}; with the TET preset (decay 0.5, hard reset) the
         * output layer stayed silent there.
         */
        static final LifConfig OUTPUT_NEURON = LifConfig.builder().decay(0.95).gain(1.0).threshold(1.0)
                .resetMode(ResetMode.SOFT).build();

        /**
         * The spiking output layer this loss reads ({@link #OUTPUT_NEURON}s, docs/models.md), or null for the
         * per-step logits of a non-spiking head.
         */
        SpikingOutput.Spec head() {
            return readout == null ? null : new SpikingOutput.Spec(OUTPUT_NEURON, readout);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The optimizers of snn-core. */
    enum OptimizerKind {
        SGD, ADAM, ADAMW
    }

    /** Learning-rate schedules, advanced once per epoch. */
    enum ScheduleKind {
        COSINE, STEP, NONE
    }

    @Mixin
    ModelArgs modelArgs;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--epochs", defaultValue = "2", paramLabel = "N", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--loss", defaultValue = "tet", paramLabel = "tet|tet-s|sdt|lts|rate-ce|membrane-ce|ttfs|ttfs-reciprocal",
            description = "loss; rate-ce, ttfs, ttfs-reciprocal (output spikes) and membrane-ce (output membrane "
                    + "potentials) give the model a spiking output layer of LIF neurons (snnTorch Leaky: decay 0.95, "
                    + "soft reset) (default: ${DEFAULT-VALUE})")
    LossKind loss;

    @Option(names = "--epsilon", paramLabel = "EPS", description = "label smoothing in [0, 1) (default 0; tet-s: 0.01)")
    Double epsilon;

    @Option(names = "--lambda", paramLabel = "L", description = "MSE regulariser weight in [0, 1]: (1 - L)*loss + L*MSE (not ttfs; default 0)")
    Double lambda;

    @Option(names = "--lambda-mem", paramLabel = "L", description = "MPE-PSN membrane-loss weight in [0, 1] "
            + "(mpe-psn only; default 0.01)")
    Double lambdaMem;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "sgd|adam|adamw",
            description = "optimizer (default: ${DEFAULT-VALUE})")
    OptimizerKind optimizer;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "LR", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum in [0, 1) (sgd only; default 0.9)")
    Double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum (sgd only)")
    boolean nesterov;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "WD",
            description = "weight decay (not on biases and norm parameters; adamw: decoupled) (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "cosine|step|none",
            description = "learning-rate schedule per epoch: cosine to 0 over the epochs, step (x --gamma every "
                    + "--step-size epochs) or none (default: ${DEFAULT-VALUE})")
    ScheduleKind schedule;

    @Option(names = "--step-size", paramLabel = "N", description = "epochs between decays (step only; default 30)")
    Integer stepSize;

    @Option(names = "--gamma", paramLabel = "G", description = "decay factor (step only; default 0.1)")
    Double gamma;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "linear warm-up epochs before the schedule (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--clip", paramLabel = "NORM", description = "clip gradients to this global L2 norm (default: off)")
    Double clip;

    @Option(names = "--lambda-mem-until", paramLabel = "EPOCH",
            description = "drop the membrane loss from this epoch on (mpe-psn only; 0-based; default: never)")
    Integer lambdaMemUntil;

    @Option(names = "--tit", split = ",", paramLabel = "T1,T2,...", hideParamSyntax = true,
            description = "time inheritance training: train at T1 for --epochs, then continue at T2, ... from the same "
                    + "parameters with a fresh optimizer and schedule for --tit-epochs each (replaces --T)")
    List<Integer> tit;

    @Option(names = "--tit-epochs", paramLabel = "N", description = "epochs of each --tit stage after the first "
            + "(default: --epochs)")
    Integer titEpochs;

    @Option(names = "--time-slice", paramLabel = "K", description = "time-slicing online training: the neurons carry "
            + "their state across slices of K steps (gradient stopped) and the optimizer steps once per slice")
    Integer timeSlice;

    @Option(names = "--max-loss", paramLabel = "X", description = "stop when the loss exceeds X (divergence guard; "
            + "default 1e6)")
    Double maxLoss;

    @Option(names = "--no-divergence-guard", description = "train on whatever the loss does (NaN still stops)")
    boolean noDivergenceGuard;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "run directory: config.json, metrics.csv, "
            + "last.ckpt, best.ckpt, curves.png (default: runs/<date>-<time>)")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue the run in RUN_DIR from its last.ckpt "
            + "(the options must be the run's; 'snn resume RUN_DIR' reads them from the run)")
    Path resume;

    @Option(names = "--no-memory-check", description = "skip the up-front memory estimate")
    boolean noMemoryCheck;

    /** Everything a run needs, built and checked from the options. */
    record Setup(DataArgs.Opened data, int classes, SpikingLoss loss, TrainerConfig config, Path runDirectory,
                 MemoryEstimate memory) {
    }

    @Override
    public Integer call() throws IOException {
        Setup s = prepare();
        return fit(s, out());
    }

    /** The T of the first stage: {@code --T}, or the first of {@code --tit}. */
    int firstTimeSteps() {
        return tit == null ? modelArgs.timeSteps : tit.get(0);
    }

    /** Checks every option, opens the data, builds loss and configuration, checks memory; nothing is trained. */
    Setup prepare() throws IOException {
        modelArgs.check(this);
        dataArgs.check(this);
        positive("--epochs", epochs);
        nonNegative("--warmup", warmup);
        SpikingLoss l = loss();
        checkOptimizerOptions();
        if (schedule != ScheduleKind.STEP) {
            rejectGiven("to --schedule " + ChoiceConverter.label(schedule) + " (step only)", "--step-size", "--gamma");
        }
        schedule(epochs);
        if (modelArgs.neuron != ModelArgs.NeuronKind.MPE_PSN) {
            rejectGiven("to --neuron " + ChoiceConverter.label(modelArgs.neuron) + " (mpe-psn only)", "--lambda-mem",
                    "--lambda-mem-until");
        }
        if (tit == null) {
            rejectGiven("without --tit", "--tit-epochs");
        } else {
            if (given("--T")) {
                throw new UsageException("--tit " + tit + " gives the T of every stage: leave out --T");
            }
            if (tit.size() < 2) {
                throw new UsageException("--tit needs at least two T values (e.g. 2,4,6), got " + tit);
            }
            for (int t : tit) {
                positive("--tit", t);
            }
            if (titEpochs != null) {
                positive("--tit-epochs", titEpochs);
            }
            if (dataArgs.kind().events) {
                throw new UsageException("--tit does not apply to event data (--data " + dataArgs.data
                        + "): its frames are integrated for one T");
            }
        }
        modelArgs.checkHead(loss.head(), loss.toString());
        if (timeSlice != null) {
            positive("--time-slice", timeSlice);
            if (modelArgs.tebn) {
                throw new UsageException("--time-slice does not apply with --tebn: TEBN scales each of the T steps, "
                        + "so every forward must see all T");
            }
        }
        if (noDivergenceGuard) {
            rejectGiven("with --no-divergence-guard", "--max-loss");
        }
        if (resume != null) {
            if (given("--out")) {
                throw new UsageException("--resume " + resume + " continues in its own directory: leave out --out");
            }
            checkRunDirectory(resume);
        }
        TrainerConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        DataArgs.Opened data = dataArgs.open(firstTimeSteps(), modelArgs.seed);
        int classes = data.train().numClasses();
        MemoryEstimate memory = noMemoryCheck ? null : checkMemory(data, classes);
        Path dir = resume != null ? resume : out != null ? out : defaultRunDirectory();
        return new Setup(data, classes, l, config, dir, memory);
    }

    /** A run directory {@code resume} can continue: it exists and holds config.json and last.ckpt. */
    static void checkRunDirectory(Path dir) {
        if (!Files.exists(dir)) {
            throw new UsageException("no such run directory: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + " is a file, not a run directory (written by train --out)");
        }
        for (String f : new String[] {RunDirectory.CONFIG, RunDirectory.LAST_CHECKPOINT}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new UsageException(dir + " is not a run directory: it has no " + f);
            }
        }
        CheckpointArgs.load(dir.resolve(RunDirectory.LAST_CHECKPOINT));
    }

    private static Path defaultRunDirectory() {
        return Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
    }

    /** The Trainer's configuration; the original arguments (less the run directory) go into its recipe. */
    TrainerConfig config() {
        int t0 = firstTimeSteps();
        TrainerConfig.Builder b = TrainerConfig.builder().epochs(epochs).timeSteps(t0).seed(modelArgs.seed)
                .schedule(schedule(epochs));
        if (warmup > 0) {
            b.warmup(warmup, 1.0 / (warmup + 1));
        }
        if (clip != null) {
            if (!(clip > 0 && Double.isFinite(clip))) {
                throw new UsageException("--clip must be a finite number > 0, got " + clip);
            }
            b.clipGradNorm(clip);
        }
        if (lambdaMem != null) {
            b.auxiliaryLossWeight(lambdaMem);
        }
        if (lambdaMemUntil != null) {
            b.auxiliaryLossUntilEpoch(nonNegative("--lambda-mem-until", lambdaMemUntil));
        }
        if (timeSlice != null) {
            b.timeSlice(timeSlice);
        }
        if (noDivergenceGuard) {
            b.divergenceGuard(DivergenceGuard.off());
        } else if (maxLoss != null) {
            DivergenceGuard d = DivergenceGuard.DEFAULT;
            b.divergenceGuard(new DivergenceGuard(finite("--max-loss", maxLoss), d.growthFactor(), d.window()));
        }
        if (tit != null) {
            int e = titEpochs == null ? epochs : titEpochs;
            for (int t : tit.subList(1, tit.size())) {
                b.thenTimeSteps(new TitStage(t, e, schedule(e)));
            }
        }
        b.recipe(RECIPE_COMMAND, RECIPE_COMMAND_VALUE);
        List<String> args = recordedArguments();
        for (int i = 0; i < args.size(); i++) {
            b.recipe(String.format(Locale.ROOT, "%s%03d", RECIPE_ARG, i), args.get(i));
        }
        return b.build();
    }

    /** Recipe key naming the command that wrote the run, and its value. */
    static final String RECIPE_COMMAND = "cli.command";
    static final String RECIPE_COMMAND_VALUE = "snn train";

    /** Recipe keys of the recorded arguments: {@code cli.arg.000}, {@code cli.arg.001}, ... */
    static final String RECIPE_ARG = "cli.arg.";

    /** The arguments as typed, without {@code --out}/{@code --resume} and their values. */
    private List<String> recordedArguments() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();   // from the root: snn ... train ...
        List<String> typed = all.subList(all.indexOf(spec.name()) + 1, all.size());
        List<String> kept = new ArrayList<>();
        boolean skipNext = false;
        for (String a : typed) {
            if (skipNext) {
                skipNext = false;
            } else if (a.equals("--out") || a.equals("--resume")) {
                skipNext = true;
            } else if (!a.startsWith("--out=") && !a.startsWith("--resume=")) {
                kept.add(a);
            }
        }
        return kept;
    }

    /** Refuses a configuration whose estimated memory exceeds what the process may still allocate. */
    MemoryEstimate checkMemory(DataArgs.Opened data, int classes) {
        int steps = tit == null ? modelArgs.timeSteps : tit.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int perForward = timeSlice == null ? steps : Math.min(steps, timeSlice);
        Module probe = modelArgs.build(data.channels(), classes, data.size(), 1, loss.head());
        MemoryEstimate e = MemoryEstimator.training(probe, DataType.FLOAT, perForward, dataArgs.batch, data.stepShape());
        long available = MemoryEstimator.availableBytes();
        if (!e.fitsIn(available)) {
            String what = timeSlice == null ? "--T " + steps : "--time-slice " + perForward;
            throw new UsageException(what + " x --batch " + dataArgs.batch + " needs about " + e + " of native memory, "
                    + "more than the " + MemoryEstimate.format(available) + " available (budget "
                    + MemoryEstimate.format(MemoryEstimator.budgetBytes())
                    + ", -Dorg.bytedeco.javacpp.maxphysicalbytes); lower " + (timeSlice == null ? "--T" : "--time-slice")
                    + " or --batch" + (timeSlice == null ? ", use --time-slice K" : "") + " (or --no-memory-check)");
        }
        return e;
    }

    /** The loss; a bad ε or λ is named by its option (the rules are {@link LossSpec}'s). */
    SpikingLoss loss() {
        String type = loss.toString();
        try {
            LossSpec.of(type, epsilon, null, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--epsilon " + epsilon + ": " + e.getMessage(), e);
        }
        try {
            return LossSpec.of(type, epsilon, lambda, null).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--lambda " + lambda + ": " + e.getMessage(), e);
        }
    }

    private void checkOptimizerOptions() {
        if (optimizer != OptimizerKind.SGD) {
            rejectGiven("to --optimizer " + ChoiceConverter.label(optimizer) + " (sgd only)", "--momentum", "--nesterov");
        }
        finite("--lr", lr);
        if (lr < 0) {
            throw new UsageException("--lr must be >= 0, got " + lr);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new UsageException("--weight-decay must be a finite number >= 0, got " + weightDecay);
        }
        if (lambdaMem != null && !(lambdaMem >= 0 && lambdaMem <= 1)) {
            throw new UsageException("--lambda-mem must be in [0, 1], got " + lambdaMem);
        }
        try {
            if (optimizer == OptimizerKind.SGD) {
                sgdOptions();
            } else {
                Adam.Options.of(lr);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--optimizer " + ChoiceConverter.label(optimizer) + ": " + e.getMessage(), e);
        }
    }

    private Sgd.Options sgdOptions() {
        return Sgd.Options.builder().lr(lr).momentum(momentum == null ? 0.9 : momentum).nesterov(nesterov).build();
    }

    /** A fresh optimizer for {@code model} (one per TIT stage). */
    Optimizer optimizer(Module model) {
        List<ParamGroup> groups = ParamGroups.splitWeightDecay(model, weightDecay);
        try {
            return switch (optimizer) {
                case SGD -> new Sgd(groups, sgdOptions());
                case ADAM -> new Adam(groups, Adam.Options.of(lr));
                case ADAMW -> new AdamW(groups, Adam.Options.of(lr));
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--optimizer " + ChoiceConverter.label(optimizer) + ": " + e.getMessage(), e);
        }
    }

    /** The learning rate per epoch of a stage of {@code stageEpochs} epochs (the warm-up is the Trainer's). */
    LrSchedule schedule(int stageEpochs) {
        try {
            return switch (schedule) {
                case COSINE -> CosineSchedule.toZero(lr, stageEpochs);
                case STEP -> new StepSchedule(lr, stepSize == null ? 30 : stepSize, gamma == null ? 0.1 : gamma);
                case NONE -> LrSchedule.constant(lr);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--schedule " + ChoiceConverter.label(schedule) + ": " + e.getMessage(), e);
        }
    }

    /** Trains with the {@link Trainer}; prints a line per epoch and, last, {@code test_accuracy X}. */
    int fit(Setup s, PrintStream out) throws IOException {
        DataArgs.Opened d = s.data();
        Trainer trainer = Trainer.builder()
                .model(t -> modelArgs.build(d.channels(), s.classes(), d.size(), t, loss.head()))
                .loss(s.loss())
                .optimizer(this::optimizer)
                .trainData(SampleBatches.training(d.train(), dataArgs.batch, d.trainTransform()))
                .testData(SampleBatches.evaluation(d.test(), dataArgs.batch, d.testTransform()))
                .config(s.config())
                .listener(new FiringRateListener())
                .listener(new EpochLines(out))
                .runDirectory(s.runDirectory())
                .resume(resume != null)
                .build();
        out.printf("train %s: model %s (%d parameters), neuron %s, T=%s, loss %s, %d train / %d test samples%s%n",
                dataArgs.data, modelArgs.model, trainer.model().parameterCount(), ChoiceConverter.label(modelArgs.neuron),
                tit == null ? Integer.toString(modelArgs.timeSteps) : tit.toString(), s.loss().name(), d.train().size(),
                d.test().size(), s.memory() == null ? "" : ", memory estimate " + MemoryEstimate.format(s.memory().totalBytes()));
        out.println("run directory " + s.runDirectory());
        TrainingResult r;
        try {
            r = trainer.fit();
        } catch (TrainingDivergedException | NonFiniteLossException e) {
            throw new TrainingFailed(e.getMessage() + " (lower --lr, or --clip NORM)", e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);   // empty data, input that does not fit, a foreign checkpoint
        }
        if (r.evaluation() != null) {
            out.println("per_step_accuracy " + joined(r.evaluation().perStepAccuracy()));
        }
        out.printf(Locale.ROOT, "test_accuracy %.4f%n", r.testAccuracy());
        return SnnCli.EXIT_OK;
    }

    static String joined(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", x));
        }
        return b.toString();
    }

    /** A failure while training (exit 1). */
    static final class TrainingFailed extends RuntimeException {
        TrainingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Prints the resume point and one line per epoch to the command's output. */
    static final class EpochLines implements TrainingListener {
        private final PrintStream out;

        EpochLines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onTrainingStart(TrainingContext ctx) {
            if (ctx.epoch() > 0) {
                out.printf("resumed %s at epoch %d, step %d%n", ctx.runDirectory(), ctx.epoch() + 1, ctx.globalStep());
            }
        }

        @Override
        public void onEpochEnd(TrainingContext ctx, Metrics m) {
            out.printf(Locale.ROOT, "epoch %d T %d lr %.5f train_loss %.4f train_acc %.4f test_loss %.4f test_acc %.4f "
                    + "test_acc_last %.4f firing_rate %.4f energy_uJ_per_sample %.3f time_s %.1f%n",
                    (int) m.get("epoch"), (int) m.get("T"), m.get("lr"), m.get("train_loss"), m.get("train_acc"),
                    value(m, "test_loss"), value(m, "test_acc"), value(m, "test_acc_last"),
                    value(m, FiringRateListener.METRIC), value(m, io.snn4j.core.train.EnergyListener.METRIC),
                    m.get("train_time_s"));
        }

        private static double value(Metrics m, String name) {
            return m.has(name) ? m.get(name) : Double.NaN;
        }
    }
}
