package io.snn4j.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.snn4j.core.io.Checkpoint;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Optimizer;

/** What a {@link TrainingListener} sees of a running {@link Trainer} (read-only views of its state). */
public interface TrainingContext {

    TrainerConfig config();

    /** The model being trained (a new instance after each time-inheritance stage change). */
    Module model();

    /** The optimizer (fresh at each time-inheritance stage); null during a stand-alone evaluation. */
    Optimizer optimizer();

    Objective objective();

    /** Current stage (0, then 1, 2, ... for time-inheritance stages). */
    int stage();

    /** T of the current stage. */
    int timeSteps();

    /** Current epoch, 0-based over all stages. */
    int epoch();

    /** Total epochs over all stages. */
    int totalEpochs();

    /** Index of the current batch in the epoch. */
    int batch();

    /** Batches in the current epoch. */
    int batchCount();

    /** Optimizer steps so far. */
    long globalStep();

    /** Samples seen so far in this epoch, their summed loss and the number predicted correctly. */
    int epochSamples();

    double epochLossSum();

    int epochCorrect();

    /** {@link System#nanoTime()} when the current epoch started. */
    long epochStartNanos();

    /** The run directory, or null when the run writes none. */
    Path runDirectory();

    /** Metrics of the completed epochs. */
    List<Map<String, Double>> history();

    /** Best test accuracy so far (NaN before any evaluation) and its 1-based epoch. */
    double bestAccuracy();

    int bestEpoch();

    /**
     * A checkpoint of the current state: model, optimizer, completed epoch, step, the generator state of every
     * {@link io.snn4j.core.nn.Stochastic} module, stage and best accuracy, enough to resume bit for bit.
     */
    Checkpoint checkpoint();
}
