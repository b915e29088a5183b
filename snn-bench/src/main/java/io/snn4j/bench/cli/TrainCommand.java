package io.snn4j.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.AuxiliaryLoss;
import io.snn4j.core.nn.MemoryEstimate;
import io.snn4j.core.nn.MemoryEstimator;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.SynapticOps;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.AdamW;
import io.snn4j.core.optim.CosineSchedule;
import io.snn4j.core.optim.GradientClipping;
import io.snn4j.core.optim.LinearWarmup;
import io.snn4j.core.optim.LrSchedule;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroup;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import io.snn4j.core.optim.StepSchedule;
import io.snn4j.core.train.LossGuard;
import io.snn4j.data.SampleSource;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.batch.Batch;
import io.snn4j.data.batch.BatchIterator;
import io.snn4j.data.batch.BatchOptions;
import io.snn4j.data.encode.DirectEncoder;
import io.snn4j.losses.LossSpec;
import io.snn4j.losses.MembraneLossMix;
import io.snn4j.losses.SpikingLoss;
import io.snn4j.neurons.SpikingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains an SNN on a static image dataset (direct encoding over T steps) or on event frames,
 * evaluating on the test split after every epoch; the last line is {@code test_accuracy X}. Without options it
 * is the quick start: the small conv SNN on the embedded Fashion-MNIST subset. Every option is checked before
 * anything runs, and so is the memory the configuration needs ({@link MemoryEstimator}).
 */
@Command(name = "train", sortOptions = false,
        description = "Trains an SNN and evaluates it on the test split after every epoch; last line test_accuracy X. "
                + "Without options: the small conv SNN on the embedded Fashion-MNIST subset (quick start).")
final class TrainCommand extends CliCommand {
    /** The losses of snn-losses (SPEC §6). */
    enum LossKind {
        TET("tet"), TET_S("tet-s"), SDT("sdt"), LTS("lts");

        private final String label;

        LossKind(String label) {
            this.label = label;
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

    @Option(names = "--loss", defaultValue = "tet", paramLabel = "tet|tet-s|sdt|lts", description = "loss (default: ${DEFAULT-VALUE})")
    LossKind loss;

    @Option(names = "--epsilon", paramLabel = "EPS", description = "label smoothing in [0, 1) (default 0; tet-s: 0.01)")
    Double epsilon;

    @Option(names = "--lambda", paramLabel = "L", description = "MSE regulariser weight in [0, 1]: (1 - L)*loss + L*MSE (default 0)")
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

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "write a checkpoint after every epoch")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE", description = "resume from a checkpoint written by --checkpoint")
    Path resume;

    @Option(names = "--no-memory-check", description = "skip the up-front memory estimate")
    boolean noMemoryCheck;

    /** Everything a run needs, built and checked from the options. */
    record Setup(DataArgs.Opened data, Module model, SpikingLoss loss, Optimizer optimizer, LrSchedule schedule,
                 MemoryEstimate memory) {
    }

    @Override
    public Integer call() throws IOException {
        Setup s = prepare();
        return runLoop(s, out());
    }

    /** Checks every option, opens the data, builds model, loss, optimizer and schedule, checks memory. */
    Setup prepare() throws IOException {
        modelArgs.check(this);
        dataArgs.check(this);
        positive("--epochs", epochs);
        nonNegative("--warmup", warmup);
        SpikingLoss l = loss();
        checkOptimizerOptions();
        LrSchedule sched = schedule();
        if (modelArgs.neuron != ModelArgs.NeuronKind.MPE_PSN) {
            rejectGiven("to --neuron " + ChoiceConverter.label(modelArgs.neuron) + " (mpe-psn only)", "--lambda-mem");
        } else if (lambdaMem != null && !(lambdaMem >= 0 && lambdaMem <= 1)) {
            throw new UsageException("--lambda-mem must be in [0, 1], got " + lambdaMem);
        }
        if (clip != null && !(clip > 0 && Double.isFinite(clip))) {
            throw new UsageException("--clip must be a finite number > 0, got " + clip);
        }
        if (resume != null && !Files.isRegularFile(resume)) {
            throw new UsageException("--resume " + resume + ": " + (Files.isDirectory(resume)
                    ? "is a directory, not a checkpoint file" : "no such file"));
        }
        DataArgs.Opened data = dataArgs.open(modelArgs.timeSteps, modelArgs.seed);
        int classes = data.train().numClasses();
        MemoryEstimate memory = null;
        if (!noMemoryCheck) {
            memory = checkMemory(data, classes, modelArgs.timeSteps, dataArgs.batch);
        }
        Module model = modelArgs.build(data.channels(), classes, data.size(), modelArgs.timeSteps);
        Optimizer opt = optimizer(model);
        return new Setup(data, model, l, opt, sched, memory);
    }

    /** Refuses a configuration whose estimated memory exceeds what the process may still allocate. */
    MemoryEstimate checkMemory(DataArgs.Opened data, int classes, int steps, int batch) {
        Module probe = modelArgs.build(data.channels(), classes, data.size(), 1);
        MemoryEstimate e = MemoryEstimator.training(probe, DataType.FLOAT, steps, batch, data.stepShape());
        long available = MemoryEstimator.availableBytes();
        if (!e.fitsIn(available)) {
            throw new UsageException("--T " + steps + " x --batch " + batch + " needs about " + e + " of native memory, "
                    + "more than the " + MemoryEstimate.format(available) + " available (budget "
                    + MemoryEstimate.format(MemoryEstimator.budgetBytes())
                    + ", -Dorg.bytedeco.javacpp.maxphysicalbytes); lower --T or --batch (or --no-memory-check)");
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
    }

    Optimizer optimizer(Module model) {
        List<ParamGroup> groups = ParamGroups.splitWeightDecay(model, weightDecay);
        try {
            return switch (optimizer) {
                case SGD -> new Sgd(groups, Sgd.Options.builder().lr(lr).momentum(momentum == null ? 0.9 : momentum)
                        .nesterov(nesterov).build());
                case ADAM -> new Adam(groups, Adam.Options.of(lr));
                case ADAMW -> new AdamW(groups, Adam.Options.of(lr));
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--optimizer " + ChoiceConverter.label(optimizer) + ": " + e.getMessage(), e);
        }
    }

    /** The learning rate per epoch, with the warm-up. */
    LrSchedule schedule() {
        if (schedule != ScheduleKind.STEP) {
            rejectGiven("to --schedule " + ChoiceConverter.label(schedule) + " (step only)", "--step-size", "--gamma");
        }
        try {
            LrSchedule inner = switch (schedule) {
                case COSINE -> CosineSchedule.toZero(lr, epochs);
                case STEP -> new StepSchedule(lr, stepSize == null ? 30 : stepSize, gamma == null ? 0.1 : gamma);
                case NONE -> LrSchedule.constant(lr);
            };
            return warmup == 0 ? inner : new LinearWarmup(inner, warmup, 1.0 / (warmup + 1));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--schedule " + ChoiceConverter.label(schedule) + ": " + e.getMessage(), e);
        }
    }

    private int runLoop(Setup s, PrintStream out) throws IOException {
        Module model = s.model();
        Optimizer opt = s.optimizer();
        SpikingLoss lossFn = s.loss();
        SampleSource train = s.data().train();
        SampleSource test = s.data().test();
        int firstEpoch = 0;
        long step = 0;
        if (resume != null) {
            Checkpoint ck = CheckpointArgs.load(resume);
            CheckpointArgs.apply(ck, resume, model, opt, modelArgs.model);
            firstEpoch = ck.epoch() + 1;
            step = ck.globalStep();
            out.printf("resumed %s at epoch %d, step %d%n", resume, firstEpoch, step);
        }
        out.printf("train %s: model %s (%d parameters), neuron %s, T=%d, loss %s, %d train / %d test samples%s%n",
                dataArgs.data, modelArgs.model, model.parameterCount(), ChoiceConverter.label(modelArgs.neuron),
                modelArgs.timeSteps, lossFn.name(), train.size(), test.size(),
                s.memory() == null ? "" : ", memory estimate " + MemoryEstimate.format(s.memory().totalBytes()));
        DirectEncoder encoder = s.data().events() ? null : new DirectEncoder(modelArgs.timeSteps);
        double lambdaM = lambdaMem == null ? MembraneLossMix.DEFAULT_LAMBDA_MEM : lambdaMem;
        double lastAcc = 0;
        for (int epoch = firstEpoch; epoch < epochs; epoch++) {
            s.schedule().apply(opt, epoch);
            model.train(true);
            SpikingLayer.resetCounters(model);
            long t0 = System.nanoTime();
            double lossSum = 0;
            int correct = 0;
            int seen = 0;
            BatchOptions bo = BatchOptions.builder().batchSize(dataArgs.batch).seed(modelArgs.seed).shuffle(true)
                    .dropLast(false).transform(s.data().trainTransform()).prefetch(2).build();
            try (BatchIterator it = new BatchIterator(train, bo, epoch)) {
                while (it.hasNext()) {
                    Batch b = it.next();
                    Tensor x = Tensor.constant(encoder == null ? b.x() : encoder.encode(b.x()));
                    opt.zeroGrad();
                    Tensor outputs = model.forward(x);
                    Tensor l = withAuxiliaryLosses(model, lossFn.loss(outputs, b.labels()), lambdaM);
                    LossGuard.check(l, step);
                    l.backward();
                    if (clip != null) {
                        GradientClipping.clipGlobalNorm(opt.parameters(), clip);
                    }
                    opt.step();
                    step++;
                    lossSum += l.item() * b.size();
                    correct += countCorrect(lossFn.predict(outputs.value()), b.labels());
                    seen += b.size();
                }
            }
            Map<String, Double> rates = SpikingLayer.firingRates(model);
            double meanRate = rates.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            SynapticOps ops = SynapticOps.attach(model);
            lastAcc = evaluate(model, lossFn, test, encoder, s.data().testTransform(), dataArgs.batch);
            SynapticOps.detach(model);
            double microjoules = ops.energyPicojoules() / test.size() / 1e6;
            out.printf(Locale.ROOT, "epoch %d lr %.5f train_loss %.4f train_acc %.4f test_acc %.4f firing_rate %.4f "
                    + "energy_uJ_per_sample %.3f time_s %.1f%n", epoch + 1, opt.learningRate(), lossSum / seen,
                    (double) correct / seen, lastAcc, meanRate, microjoules, (System.nanoTime() - t0) / 1e9);
            if (checkpoint != null) {
                Checkpoint.builder().model(model).optimizer(opt).epoch(epoch).globalStep(step)
                        .metadata("model", modelArgs.model).metadata("data", dataArgs.data).build().save(checkpoint);
            }
        }
        if (firstEpoch >= epochs) {
            lastAcc = evaluate(model, lossFn, test, encoder, s.data().testTransform(), dataArgs.batch);
        }
        out.printf(Locale.ROOT, "test_accuracy %.4f%n", lastAcc);
        return SnnCli.EXIT_OK;
    }

    /** Mixes in the auxiliary losses of the model's layers (MPE-PSN's membrane loss, SPEC §5). */
    static Tensor withAuxiliaryLosses(Module model, Tensor cls, double lambdaMem) {
        List<Tensor> aux = new java.util.ArrayList<>();
        for (Module m : model.namedModules().values()) {
            if (m instanceof AuxiliaryLoss a && a.auxiliaryLoss() != null) {
                aux.add(a.auxiliaryLoss());
            }
        }
        return aux.isEmpty() ? cls : MembraneLossMix.mix(cls, aux, lambdaMem);
    }

    static double evaluate(Module model, SpikingLoss loss, SampleSource test, DirectEncoder encoder, ImageTransform norm,
                           int batch) {
        model.eval();
        int correct = 0;
        int seen = 0;
        BatchOptions.Builder ob = BatchOptions.builder().batchSize(batch).shuffle(false).dropLast(false);
        BatchOptions bo = (norm == null ? ob : ob.transform(norm)).build();
        try (GradMode.Scope ignored = GradMode.noGrad(); BatchIterator it = new BatchIterator(test, bo, 0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                Tensor outputs = model.forward(Tensor.constant(encoder == null ? b.x() : encoder.encode(b.x())));
                correct += countCorrect(loss.predict(outputs.value()), b.labels());
                seen += b.size();
            }
        }
        model.train(true);
        return (double) correct / seen;
    }

    private static int countCorrect(int[] pred, int[] labels) {
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (pred[i] == labels[i]) {
                c++;
            }
        }
        return c;
    }
}
