package io.snn4j.core.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.snn4j.core.optim.LinearWarmup;
import io.snn4j.core.optim.LrSchedule;

/**
 * The settings of a {@link Trainer} run (immutable; {@link #builder()}, {@link #toBuilder()}): epochs, T, seed,
 * learning-rate schedule (per epoch) with optional linear warm-up, gradient clipping, the auxiliary-loss weight
 * λmem and the epoch it is switched off at (MPE-PSN, docs/spec.md §5), time-slicing online training (docs/spec.md §4), the
 * divergence guard, the progress cadence, time-inheritance stages (docs/spec.md §9) and free-form {@code recipe} strings
 * in which an application records how it built model and data (written to the run directory's
 * {@code config.json}, so it can rebuild them to resume).
 */
public final class TrainerConfig {
    /** λmem of the MPE-PSN paper (docs/spec.md §5). */
    public static final double DEFAULT_AUXILIARY_LOSS_WEIGHT = 0.01;

    private final int epochs;
    private final int timeSteps;
    private final long seed;
    private final LrSchedule schedule;
    private final int warmupEpochs;
    private final double warmupStartFactor;
    private final double clipGradNorm;
    private final double auxiliaryLossWeight;
    private final int auxiliaryLossUntilEpoch;
    private final int timeSlice;
    private final DivergenceGuard divergenceGuard;
    private final Duration progressInterval;
    private final List<TitStage> timeInheritance;
    private final Map<String, String> recipe;

    private TrainerConfig(Builder b) {
        epochs = b.epochs;
        timeSteps = b.timeSteps;
        seed = b.seed;
        schedule = b.schedule;
        warmupEpochs = b.warmupEpochs;
        warmupStartFactor = b.warmupStartFactor;
        clipGradNorm = b.clipGradNorm;
        auxiliaryLossWeight = b.auxiliaryLossWeight;
        auxiliaryLossUntilEpoch = b.auxiliaryLossUntilEpoch;
        timeSlice = b.timeSlice;
        divergenceGuard = b.divergenceGuard;
        progressInterval = b.progressInterval;
        timeInheritance = List.copyOf(b.timeInheritance);
        recipe = Collections.unmodifiableMap(new LinkedHashMap<>(b.recipe));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.timeSteps = timeSteps;
        b.seed = seed;
        b.schedule = schedule;
        b.warmupEpochs = warmupEpochs;
        b.warmupStartFactor = warmupStartFactor;
        b.clipGradNorm = clipGradNorm;
        b.auxiliaryLossWeight = auxiliaryLossWeight;
        b.auxiliaryLossUntilEpoch = auxiliaryLossUntilEpoch;
        b.timeSlice = timeSlice;
        b.divergenceGuard = divergenceGuard;
        b.progressInterval = progressInterval;
        b.timeInheritance.addAll(timeInheritance);
        b.recipe.putAll(recipe);
        return b;
    }

    /** Epochs of the first stage (at {@link #timeSteps()}). */
    public int epochs() {
        return epochs;
    }

    /** T of the first stage. */
    public int timeSteps() {
        return timeSteps;
    }

    /** Seed of the data order and augmentation (passed to the {@link BatchSource}s). */
    public long seed() {
        return seed;
    }

    /** The learning rate per epoch of the first stage, or null to keep the optimizer's own rate. */
    public LrSchedule schedule() {
        return schedule;
    }

    /** Linear warm-up epochs before {@link #schedule()} (0: none). */
    public int warmupEpochs() {
        return warmupEpochs;
    }

    /** Fraction of the schedule's first rate at warm-up epoch 0. */
    public double warmupStartFactor() {
        return warmupStartFactor;
    }

    /** Global L2 norm the gradients are clipped to before each step (0: no clipping). */
    public double clipGradNorm() {
        return clipGradNorm;
    }

    /** λ of {@code (1 − λ)·L_task + λ·Σ L_aux} (λmem of MPE-PSN); used only when the model has auxiliary losses. */
    public double auxiliaryLossWeight() {
        return auxiliaryLossWeight;
    }

    /** The epoch (0-based, global) from which auxiliary losses are dropped; -1: never (MPE-PSN's code: 150). */
    public int auxiliaryLossUntilEpoch() {
        return auxiliaryLossUntilEpoch;
    }

    /** Whether auxiliary losses are part of the training loss in global epoch {@code epoch}. */
    public boolean auxiliaryLossActive(int epoch) {
        return auxiliaryLossUntilEpoch < 0 || epoch < auxiliaryLossUntilEpoch;
    }

    /** Steps per slice of time-slicing online training (0: off, the whole sequence per optimizer step). */
    public int timeSlice() {
        return timeSlice;
    }

    public DivergenceGuard divergenceGuard() {
        return divergenceGuard;
    }

    /** How often the progress line is logged during an epoch (a line also closes every epoch). */
    public Duration progressInterval() {
        return progressInterval;
    }

    /** Continuation stages after the first (TIT), in order; empty when TIT is off. */
    public List<TitStage> timeInheritance() {
        return timeInheritance;
    }

    /** The application's description of how it built model, loss and data (e.g. CLI options), in order. */
    public Map<String, String> recipe() {
        return recipe;
    }

    /** Total epochs over all stages. */
    public int totalEpochs() {
        int n = epochs;
        for (TitStage s : timeInheritance) {
            n += s.epochs();
        }
        return n;
    }

    /** Number of stages: 1 + the TIT stages. */
    public int stageCount() {
        return 1 + timeInheritance.size();
    }

    /** T of stage {@code s} (0: the first stage). */
    public int stageTimeSteps(int s) {
        return s == 0 ? timeSteps : timeInheritance.get(s - 1).timeSteps();
    }

    /** Epochs of stage {@code s}. */
    public int stageEpochs(int s) {
        return s == 0 ? epochs : timeInheritance.get(s - 1).epochs();
    }

    /** The global epoch at which stage {@code s} starts. */
    public int stageStart(int s) {
        int e = 0;
        for (int i = 0; i < s; i++) {
            e += stageEpochs(i);
        }
        return e;
    }

    /**
     * The learning-rate schedule of stage {@code s}, indexed by the stage's own epochs: for the first stage the
     * warm-up (if any) before {@link #schedule()}, or null when the optimizer's own rate is kept.
     */
    public LrSchedule stageSchedule(int s) {
        if (s > 0) {
            return timeInheritance.get(s - 1).schedule();
        }
        return warmupEpochs == 0 ? schedule : new LinearWarmup(schedule, warmupEpochs, warmupStartFactor);
    }

    /** The configuration as a JSON-ready tree (strings, numbers, lists, maps), as written to {@code config.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("timeSteps", timeSteps);
        m.put("seed", seed);
        m.put("schedule", schedule == null ? null : schedule.toString());
        m.put("warmupEpochs", warmupEpochs);
        m.put("warmupStartFactor", warmupStartFactor);
        m.put("clipGradNorm", clipGradNorm);
        m.put("auxiliaryLossWeight", auxiliaryLossWeight);
        m.put("auxiliaryLossUntilEpoch", auxiliaryLossUntilEpoch);
        m.put("timeSlice", timeSlice);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("maxLoss", divergenceGuard.maxLoss());
        g.put("growthFactor", divergenceGuard.growthFactor());
        g.put("window", divergenceGuard.window());
        m.put("divergenceGuard", g);
        m.put("progressIntervalSeconds", progressInterval.toMillis() / 1000.0);
        List<Object> stages = new ArrayList<>();
        for (TitStage s : timeInheritance) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("timeSteps", s.timeSteps());
            sm.put("epochs", s.epochs());
            sm.put("schedule", s.schedule().toString());
            stages.add(sm);
        }
        m.put("timeInheritance", stages);
        m.put("recipe", new LinkedHashMap<>(recipe));
        return m;
    }

    @Override
    public String toString() {
        return "TrainerConfig" + describe();
    }

    /** Builder of {@link TrainerConfig}; every value is checked when set, naming the option. */
    public static final class Builder {
        private int epochs = 1;
        private int timeSteps = 4;
        private long seed;
        private LrSchedule schedule;
        private int warmupEpochs;
        private double warmupStartFactor = 1.0 / 3;
        private double clipGradNorm;
        private double auxiliaryLossWeight = DEFAULT_AUXILIARY_LOSS_WEIGHT;
        private int auxiliaryLossUntilEpoch = -1;
        private int timeSlice;
        private DivergenceGuard divergenceGuard = DivergenceGuard.DEFAULT;
        private Duration progressInterval = Duration.ofSeconds(10);
        private final List<TitStage> timeInheritance = new ArrayList<>();
        private final Map<String, String> recipe = new LinkedHashMap<>();

        private Builder() {
        }

        /** Epochs of the first stage, &gt; 0 (default 1). */
        public Builder epochs(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("TrainerConfig: epochs must be > 0, got " + v);
            }
            epochs = v;
            return this;
        }

        /** T, &gt; 0 (default 4). */
        public Builder timeSteps(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("TrainerConfig: timeSteps must be > 0, got " + v);
            }
            timeSteps = v;
            return this;
        }

        /** Seed of data order and augmentation (default 0). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Learning rate per epoch (e.g. {@code CosineSchedule.toZero(1e-3, epochs)}); null keeps the optimizer's. */
        public Builder schedule(LrSchedule v) {
            schedule = v;
            return this;
        }

        /** Linear warm-up over {@code epochs} epochs from {@code startFactor}·(first rate) (PyTorch {@code LinearLR}). */
        public Builder warmup(int warmup, double startFactor) {
            if (warmup < 0) {
                throw new IllegalArgumentException("TrainerConfig: warmup epochs must be >= 0, got " + warmup);
            }
            if (!(startFactor > 0 && startFactor <= 1)) {
                throw new IllegalArgumentException("TrainerConfig: warmup startFactor must be in (0, 1], got " + startFactor);
            }
            warmupEpochs = warmup;
            warmupStartFactor = startFactor;
            return this;
        }

        /** Clip gradients to this global L2 norm before every step, &gt; 0; 0 turns clipping off (default). */
        public Builder clipGradNorm(double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("TrainerConfig: clipGradNorm must be finite and >= 0, got " + v);
            }
            clipGradNorm = v;
            return this;
        }

        /** λ of the auxiliary losses (λmem), in [0, 1] (default 0.01). */
        public Builder auxiliaryLossWeight(double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("TrainerConfig: auxiliaryLossWeight must be in [0, 1], got " + v);
            }
            auxiliaryLossWeight = v;
            return this;
        }

        /** Drop the auxiliary losses from this global epoch on (0-based; -1, the default: never). */
        public Builder auxiliaryLossUntilEpoch(int v) {
            if (v < -1) {
                throw new IllegalArgumentException("TrainerConfig: auxiliaryLossUntilEpoch must be >= -1, got " + v);
            }
            auxiliaryLossUntilEpoch = v;
            return this;
        }

        /** Time-slicing online training with slices of {@code k} steps (0, the default: off). */
        public Builder timeSlice(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("TrainerConfig: timeSlice must be >= 0, got " + k);
            }
            timeSlice = k;
            return this;
        }

        public Builder divergenceGuard(DivergenceGuard v) {
            if (v == null) {
                throw new IllegalArgumentException("TrainerConfig: divergenceGuard must not be null (use DivergenceGuard.off())");
            }
            divergenceGuard = v;
            return this;
        }

        /** Interval of the progress line, &gt; 0 (default 10 s). */
        public Builder progressInterval(Duration v) {
            if (v == null || v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("TrainerConfig: progressInterval must be > 0, got " + v);
            }
            progressInterval = v;
            return this;
        }

        /** Adds a time-inheritance stage after the previous one (e.g. T 2 → 4 → 6). */
        public Builder thenTimeSteps(TitStage stage) {
            if (stage == null) {
                throw new IllegalArgumentException("TrainerConfig: a TIT stage must not be null");
            }
            timeInheritance.add(stage);
            return this;
        }

        /** Replaces the time-inheritance stages. */
        public Builder timeInheritance(List<TitStage> stages) {
            timeInheritance.clear();
            for (TitStage s : stages) {
                thenTimeSteps(s);
            }
            return this;
        }

        /** Records how the application built model, loss or data (written to {@code config.json}). */
        public Builder recipe(String key, String value) {
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException("TrainerConfig: recipe key and value must be non-empty, got "
                        + key + "=" + value);
            }
            recipe.put(key, value);
            return this;
        }

        public TrainerConfig build() {
            if (warmupEpochs > 0 && schedule == null) {
                throw new IllegalArgumentException("TrainerConfig: warmup needs a schedule to warm up to (set schedule)");
            }
            return new TrainerConfig(this);
        }
    }
}
