package io.snn4j.core.train;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress line, through SLF4J (logger {@code io.snn4j.core.train.ProgressLogger}, level INFO), at the
 * cadence of {@link TrainerConfig#progressInterval()} rather than every batch, and once at the end of each epoch:
 * <pre>
 * epoch 1/2 batch 40/63 loss 1.2345 acc 0.5120 samples/s 210.4 eta 0:41
 * epoch 1/2 done: train_loss 0.9876 train_acc 0.6420 test_loss 0.7001 test_acc 0.7480 (36.2 s)
 * </pre>
 * The ETA covers the rest of the run (training batches at the current rate; evaluations not counted).
 * Built into every {@link Trainer}.
 */
public final class ProgressLogger implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLogger.class);
    private long lastLine;

    @Override
    public void onTrainingStart(TrainingContext ctx) {
        LOG.info("training {} ({} parameters) with {} at T={}, epochs {}/{} to go, optimizer {}",
                ctx.model().getClass().getSimpleName(), ctx.model().parameterCount(), ctx.objective().name(),
                ctx.timeSteps(), ctx.totalEpochs() - ctx.epoch(), ctx.totalEpochs(), ctx.optimizer());
    }

    @Override
    public void onEpochStart(TrainingContext ctx) {
        lastLine = System.nanoTime();
    }

    @Override
    public void onBatchEnd(TrainingContext ctx, BatchResult batch) {
        long now = System.nanoTime();
        if (now - lastLine >= ctx.config().progressInterval().toNanos()) {
            lastLine = now;
            LOG.info(line(ctx, now));
        }
    }

    /** The progress line for the context's current state (at time {@code now}, nanoseconds). */
    static String line(TrainingContext ctx, long now) {
        double seconds = Math.max((now - ctx.epochStartNanos()) / 1e9, 1e-9);
        int done = ctx.batch() + 1;
        double perBatch = seconds / done;
        long remainingBatches = (ctx.batchCount() - done) + (long) (ctx.totalEpochs() - ctx.epoch() - 1) * ctx.batchCount();
        int n = Math.max(ctx.epochSamples(), 1);
        return String.format(Locale.ROOT, "epoch %d/%d batch %d/%d loss %.4f acc %.4f samples/s %.1f eta %s",
                ctx.epoch() + 1, ctx.totalEpochs(), done, ctx.batchCount(), ctx.epochLossSum() / n,
                (double) ctx.epochCorrect() / n, ctx.epochSamples() / seconds, duration(perBatch * remainingBatches));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, Metrics m) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d done: T %d lr %.6g train_loss %.4f "
                + "train_acc %.4f", ctx.epoch() + 1, ctx.totalEpochs(), ctx.timeSteps(), m.get("lr"), m.get("train_loss"),
                m.get("train_acc")));
        if (m.has("test_acc")) {
            sb.append(String.format(Locale.ROOT, " test_loss %.4f test_acc %.4f test_acc_last %.4f", m.get("test_loss"),
                    m.get("test_acc"), m.get("test_acc_last")));
        }
        if (m.has(EnergyListener.METRIC)) {
            sb.append(String.format(Locale.ROOT, " energy_uJ %.3f", m.get(EnergyListener.METRIC)));
        }
        if (m.has("firing_rate")) {
            sb.append(String.format(Locale.ROOT, " firing_rate %.4f", m.get("firing_rate")));
        }
        sb.append(String.format(Locale.ROOT, " (%.1f s, %.1f samples/s)", m.get("train_time_s"), m.get("train_samples_per_s")));
        LOG.info(sb.toString());
    }
}
