package io.snn4j.bench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.SynapticOps;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.CosineSchedule;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.train.AuxiliaryLosses;
import io.snn4j.core.train.LossGuard;
import io.snn4j.core.train.TrainerConfig;
import io.snn4j.data.SampleSource;
import io.snn4j.data.Split;
import io.snn4j.data.augment.ImageTransform;
import io.snn4j.data.augment.Normalize;
import io.snn4j.data.datasets.Cifar10DvsFolder;
import io.snn4j.data.datasets.DvsGestureFolder;
import io.snn4j.data.datasets.EventFrameDataset;
import io.snn4j.data.datasets.FrameConfig;
import io.snn4j.data.datasets.NCaltech101Folder;
import io.snn4j.data.datasets.NMnistFolder;
import io.snn4j.data.frames.DvsAugment;
import io.snn4j.data.frames.ResizeMode;
import io.snn4j.data.frames.SplitMethod;
import io.snn4j.data.batch.Batch;
import io.snn4j.data.batch.BatchIterator;
import io.snn4j.data.batch.BatchOptions;
import io.snn4j.data.encode.DirectEncoder;
import io.snn4j.data.idx.FashionMnist;
import io.snn4j.data.idx.ImageDataset;
import io.snn4j.data.idx.Mnist;
import io.snn4j.losses.LossSpec;
import io.snn4j.losses.SpikingLoss;
import io.snn4j.models.ModelOptions;
import io.snn4j.models.Models;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.NeuronFactory;
import io.snn4j.neurons.Neurons;
import io.snn4j.neurons.SpikingLayer;
import io.snn4j.neurons.V0Init;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code train}: trains an SNN on a static image dataset (direct encoding over T steps) with Adam
 * and a cosine schedule, evaluating on the test split after every epoch; optionally writes and
 * resumes checkpoints. Defaults train the small conv SNN on the embedded Fashion-MNIST subset.
 */
public final class TrainCommand {
    private TrainCommand() {
    }

    static final String USAGE = String.join("\n",
            "usage: train [--data fashion-mnist-subset | fashion-mnist=DIR | mnist=DIR] [--model small|snn5|vggsnn|...]",
            "             event data: --data nmnist=DIR | dvs-gesture=DIR | cifar10-dvs=DIR | ncaltech101=DIR",
            "             [--frames count|time] [--resize S] [--cache DIR] (frames of T steps, 2 polarity channels)",
            "             [--neuron lif|lif-v0|lmh|mpe-psn] [--T 4] [--epochs 2] [--batch 32] [--lr 0.001]",
            "             [--loss tet|tet-s|sdt|lts] [--lambda 0] [--seed 0] [--limit N] [--checkpoint FILE] [--resume FILE]");

    /** Parsed options (immutable). */
    record Options(String data, String model, String neuron, int timeSteps, int epochs, int batch, double lr,
                   String loss, double lambda, long seed, int limit, Path checkpoint, Path resume, String frames,
                   int resize, Path cache) {
        static Options parse(String[] args) {
            String data = "fashion-mnist-subset";
            String model = "small";
            String neuron = "lif";
            int t = 4;
            int epochs = 2;
            int batch = 32;
            double lr = 1e-3;
            String loss = "tet";
            double lambda = 0;
            long seed = 0;
            int limit = 0;
            Path ckpt = null;
            Path resume = null;
            String frames = "count";
            int resize = 0;
            Path cache = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--data" -> data = v;
                    case "--model" -> model = v;
                    case "--neuron" -> neuron = v;
                    case "--T" -> t = positive(a, Integer.parseInt(v));
                    case "--epochs" -> epochs = positive(a, Integer.parseInt(v));
                    case "--batch" -> batch = positive(a, Integer.parseInt(v));
                    case "--lr" -> lr = Double.parseDouble(v);
                    case "--loss" -> loss = v;
                    case "--lambda" -> lambda = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--limit" -> limit = Integer.parseInt(v);
                    case "--checkpoint" -> ckpt = Path.of(v);
                    case "--resume" -> resume = Path.of(v);
                    case "--frames" -> frames = v;
                    case "--resize" -> resize = positive(a, Integer.parseInt(v));
                    case "--cache" -> cache = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (!frames.equals("count") && !frames.equals("time")) {
                throw new IllegalArgumentException("--frames must be count or time, got " + frames);
            }
            return new Options(data, model, neuron, t, epochs, batch, lr, loss, lambda, seed, limit, ckpt, resume, frames,
                    resize, cache);
        }

        private static int positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + v);
            }
            return v;
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (RuntimeException e) {
            err.println("train: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        SampleSource train = dataset(o, Split.TRAIN);
        SampleSource test = dataset(o, Split.TEST);
        boolean events = train instanceof EventFrameDataset;
        int channels;
        int size;
        if (events) {
            int[] s = ((EventFrameDataset) train).sampleShape();      // [T, 2, H, W]
            channels = s[1];
            size = s[2];
        } else {
            channels = 1;
            size = ((ImageDataset) train).rows();
        }
        ModelOptions mo = ModelOptions.builder().inChannels(channels).numClasses(train.numClasses()).inputSize(size)
                .neurons(neurons(o)).seed(o.seed()).build();
        Module model = Models.create(o.model(), mo, "add");
        SpikingLoss loss = LossSpec.of(o.loss(), null, o.lambda() > 0 ? o.lambda() : null, null).build();
        Optimizer opt = new Adam(ParamGroups.splitWeightDecay(model, 0.0), Adam.Options.of(o.lr()));
        CosineSchedule schedule = CosineSchedule.toZero(o.lr(), o.epochs());
        int firstEpoch = 0;
        long step = 0;
        if (o.resume() != null) {
            Checkpoint ck = Checkpoint.load(o.resume());
            ck.applyTo(model, opt);
            firstEpoch = ck.epoch() + 1;
            step = ck.globalStep();
            out.printf("resumed %s at epoch %d, step %d%n", o.resume(), firstEpoch, step);
        }
        out.printf("train %s: model %s (%d parameters), neuron %s, T=%d, loss %s, %d train / %d test samples%n",
                o.data(), o.model(), model.parameterCount(), o.neuron(), o.timeSteps(), loss.name(),
                limited(train.size(), o.limit()), test.size());
        // static images: normalise, repeat T times (direct encoding); event frames: already [T, 2, H, W], DVS augmentation
        DirectEncoder encoder = events ? null : new DirectEncoder(o.timeSteps());
        ImageTransform trainTransform = events ? DvsAugment.tet()
                : o.data().startsWith("mnist") ? Normalize.mnist() : Normalize.fashionMnist();
        ImageTransform testTransform = events ? null : trainTransform;
        double lastAcc = 0;
        for (int epoch = firstEpoch; epoch < o.epochs(); epoch++) {
            schedule.apply(opt, epoch);
            model.train(true);
            SpikingLayer.resetCounters(model);
            long t0 = System.nanoTime();
            double lossSum = 0;
            int correct = 0;
            int seen = 0;
            BatchOptions bo = BatchOptions.builder().batchSize(o.batch()).seed(o.seed()).shuffle(true).dropLast(false)
                    .transform(trainTransform).prefetch(2).build();
            try (BatchIterator it = new BatchIterator(train, bo, epoch)) {
                while (it.hasNext() && (o.limit() <= 0 || seen < o.limit())) {
                    Batch b = it.next();
                    Tensor x = Tensor.constant(encoder == null ? b.x() : encoder.encode(b.x()));
                    opt.zeroGrad();
                    Tensor outputs = model.forward(x);
                    Tensor l = withMembraneLoss(model, loss.loss(outputs, b.labels()));
                    LossGuard.check(l, step);
                    l.backward();
                    opt.step();
                    step++;
                    lossSum += l.item() * b.size();
                    correct += countCorrect(loss.predict(outputs.value()), b.labels());
                    seen += b.size();
                }
            }
            Map<String, Double> rates = SpikingLayer.firingRates(model);
            double meanRate = rates.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            SynapticOps ops = SynapticOps.attach(model);
            lastAcc = evaluate(model, loss, test, encoder, testTransform, o.batch());
            SynapticOps.detach(model);
            double microjoules = ops.energyPicojoules() / test.size() / 1e6;
            out.printf(Locale.ROOT, "epoch %d lr %.5f train_loss %.4f train_acc %.4f test_acc %.4f firing_rate %.4f "
                    + "energy_uJ_per_sample %.3f time_s %.1f%n", epoch + 1, opt.learningRate(), lossSum / seen,
                    (double) correct / seen, lastAcc, meanRate, microjoules, (System.nanoTime() - t0) / 1e9);
            if (o.checkpoint() != null) {
                Checkpoint.builder().model(model).optimizer(opt).epoch(epoch).globalStep(step)
                        .metadata("model", o.model()).metadata("data", o.data()).build().save(o.checkpoint());
            }
        }
        out.printf(Locale.ROOT, "test_accuracy %.4f%n", lastAcc);
        return 0;
    }

    private static int limited(int size, int limit) {
        return limit > 0 ? Math.min(size, limit) : size;
    }

    static SampleSource dataset(Options o, Split split) throws java.io.IOException {
        String spec = o.data();
        int eq = spec.indexOf('=');
        String kind = eq < 0 ? spec : spec.substring(0, eq);
        if (List.of("nmnist", "dvs-gesture", "cifar10-dvs", "ncaltech101").contains(kind)) {
            if (eq < 0) {
                throw new IllegalArgumentException("--data " + kind + "=DIR needs the dataset's directory");
            }
            Path root = Path.of(spec.substring(eq + 1));
            FrameConfig fc = FrameConfig.of(o.timeSteps(), o.frames().equals("time") ? SplitMethod.BY_TIME : SplitMethod.BY_COUNT);
            if (o.resize() > 0) {
                fc = fc.resized(o.resize(), ResizeMode.BILINEAR_ANTIALIAS);
            }
            return switch (kind) {
                case "nmnist" -> NMnistFolder.open(root, split, fc, o.cache());
                case "dvs-gesture" -> DvsGestureFolder.open(root, split, fc, o.cache());
                case "cifar10-dvs" -> Cifar10DvsFolder.open(root, split, o.seed(), fc, o.cache());
                default -> NCaltech101Folder.open(root, split, Cifar10DvsFolder.DEFAULT_TRAIN_FRACTION, o.seed(), fc, o.cache());
            };
        }
        if (spec.equals("fashion-mnist-subset")) {
            return FashionMnist.embeddedSubset(split);
        }
        if (spec.startsWith("fashion-mnist=")) {
            return FashionMnist.fromDirectory(Path.of(spec.substring("fashion-mnist=".length())), split);
        }
        if (spec.startsWith("mnist=")) {
            return Mnist.fromDirectory(Path.of(spec.substring("mnist=".length())), split);
        }
        throw new IllegalArgumentException("unknown dataset '" + spec + "' (fashion-mnist-subset, fashion-mnist=DIR, mnist=DIR)");
    }

    static NeuronFactory neurons(Options o) {
        return switch (o.neuron()) {
            case "lif" -> Neurons.lif(LifConfig.tet());
            case "lif-v0" -> Neurons.lifWithV0(LifConfig.tet(), V0Init.standard(), DataType.FLOAT, o.seed());
            case "lmh" -> Neurons.lmh(LmhConfig.standard(), DataType.FLOAT);
            case "mpe-psn" -> Neurons.mpePsn(MpePsnConfig.standard(), o.timeSteps(), DataType.FLOAT, o.seed());
            default -> throw new IllegalArgumentException("unknown neuron '" + o.neuron() + "' (lif, lif-v0, lmh, mpe-psn)");
        };
    }

    /** Adds the model's auxiliary losses (MPE-PSN's membrane loss, SPEC §5) as the Trainer does. */
    static Tensor withMembraneLoss(Module model, Tensor cls) {
        List<Tensor> aux = AuxiliaryLosses.collect(model);
        return aux.isEmpty() ? cls : AuxiliaryLosses.mix(cls, aux, TrainerConfig.DEFAULT_AUXILIARY_LOSS_WEIGHT);
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
