package io.snn4j.data.batch;

import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Seeded mini-batch iterator over one epoch of a {@link SampleSource} (the role of PyTorch's
 * DataLoader): the order is a Fisher-Yates shuffle drawn from (seed, epoch), each sample's transform
 * generator from (seed, epoch, index), so the same seed gives the same batches with or without the
 * optional background prefetch thread. Samples of rank 4 ([T, C, H, W]) are stacked time-major into
 * [T, B, C, H, W]; other ranks into [B, ...]. Exceptions of the background thread are rethrown by
 * {@link #next()}; {@link #close()} stops the thread.
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchIterator.class);
    private static final Object END = new Object();

    private final SampleSource source;
    private final BatchOptions options;
    private final long epochSeed;
    private final int[] order;
    private final int batches;
    private int produced;

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile boolean closed;
    private Object pending;

    /** Iterates epoch {@code epoch} of {@code source}; starts the prefetch thread when options ask for one. */
    public BatchIterator(SampleSource source, BatchOptions options, int epoch) {
        this.source = source;
        this.options = options;
        this.epochSeed = mix(options.seed(), epoch);
        int n = source.size();
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (options.shuffle()) {
            SplittableRandom rng = new SplittableRandom(epochSeed);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int bs = options.batchSize();
        this.batches = options.dropLast() ? n / bs : (n + bs - 1) / bs;
        if (options.prefetch() > 0) {
            queue = new ArrayBlockingQueue<>(options.prefetch());
            worker = new Thread(this::produce, "snn-data-prefetch");
            worker.setDaemon(true);
            worker.start();
        } else {
            queue = null;
            worker = null;
        }
    }

    /** Number of batches in this epoch. */
    public int batchCount() {
        return batches;
    }

    /** The sample order of this epoch (a copy). */
    public int[] order() {
        return order.clone();
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void produce() {
        try {
            for (int b = 0; b < batches && !closed; b++) {
                queue.put(build(b));
            }
            if (!closed) {
                queue.put(END);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            try {
                if (!closed) {
                    queue.put(new Failure(t));
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Failure(Throwable error) {
    }

    /** Builds batch number {@code b} of the epoch (deterministic in seed, epoch and b). */
    private Batch build(int b) {
        int bs = options.batchSize();
        int from = b * bs;
        int to = Math.min(from + bs, order.length);
        int m = to - from;
        int[] labels = new int[m];
        int[] idx = Arrays.copyOfRange(order, from, to);
        float[][] data = new float[m][];
        long[] shape = null;
        for (int k = 0; k < m; k++) {
            Sample s = source.get(idx[k]);
            INDArray x = s.x();
            if (options.transform() != null) {
                x = options.transform().apply(x, new SplittableRandom(mix(epochSeed, idx[k])));
            }
            if (shape == null) {
                shape = x.shape();
            } else if (!Arrays.equals(shape, x.shape())) {
                throw new IllegalStateException("sample " + idx[k] + " has shape " + Arrays.toString(x.shape())
                        + ", others " + Arrays.toString(shape));
            }
            data[k] = x.dup('c').castTo(DataType.FLOAT).data().asFloat();
            labels[k] = s.label();
        }
        return new Batch(stack(data, shape), labels, idx);
    }

    private static INDArray stack(float[][] data, long[] shape) {
        int m = data.length;
        int per = data[0].length;
        float[] out = new float[m * per];
        long[] os;
        if (shape.length == 4) {
            int steps = (int) shape[0];
            int frame = per / steps;
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < m; b++) {
                    System.arraycopy(data[b], t * frame, out, (t * m + b) * frame, frame);
                }
            }
            os = new long[] {shape[0], m, shape[1], shape[2], shape[3]};
        } else {
            for (int b = 0; b < m; b++) {
                System.arraycopy(data[b], 0, out, b * per, per);
            }
            os = new long[shape.length + 1];
            os[0] = m;
            System.arraycopy(shape, 0, os, 1, shape.length);
        }
        return Nd4j.create(out, os, DataType.FLOAT);
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (queue == null) {
            return produced < batches;
        }
        if (pending == null) {
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the prefetch thread", e);
            }
        }
        if (pending instanceof Failure) {
            return true;
        }
        return pending != END;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (queue == null) {
            return build(produced++);
        }
        Object p = pending;
        pending = null;
        if (p instanceof Failure f) {
            pending = END;
            Throwable t = f.error();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("prefetch failed", t);
        }
        produced++;
        return (Batch) p;
    }

    /** Stops the prefetch thread (if any) and discards prepared batches. */
    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
            queue.clear();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                LOG.warn("prefetch thread did not stop within 5 s");
            }
        }
    }
}
