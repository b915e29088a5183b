package io.snn4j.core.train;

import java.util.SplittableRandom;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.functional.Activations;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Synthetic data and a TET-like objective from core ops, for Trainer tests without the other modules. */
final class ToyTraining {
    private ToyTraining() {
    }

    /** {@code n} samples of {@code features} numbers, T copies each, label = argmax of the first 3 features. */
    static BatchSource data(int n, int features, int batch) {
        return new BatchSource() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Epoch epoch(long seed, int epoch, int timeSteps) {
                SplittableRandom order = new SplittableRandom(seed * 31 + epoch);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int j = order.nextInt(i + 1);
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                }
                int batches = (n + batch - 1) / batch;
                return new Epoch() {
                    private int b;

                    @Override
                    public int batchCount() {
                        return batches;
                    }

                    @Override
                    public boolean hasNext() {
                        return b < batches;
                    }

                    @Override
                    public LabeledBatch next() {
                        int from = b * batch;
                        int m = Math.min(batch, n - from);
                        float[] x = new float[timeSteps * m * features];
                        int[] labels = new int[m];
                        for (int k = 0; k < m; k++) {
                            SplittableRandom r = new SplittableRandom(idx[from + k]);
                            float[] v = new float[features];
                            int best = 0;
                            for (int f = 0; f < features; f++) {
                                v[f] = (float) r.nextGaussian();
                                if (f < 3 && v[f] > v[best]) {
                                    best = f;
                                }
                            }
                            labels[k] = best;
                            for (int t = 0; t < timeSteps; t++) {
                                System.arraycopy(v, 0, x, (t * m + k) * features, features);
                            }
                        }
                        b++;
                        return new LabeledBatch(Nd4j.create(x, new long[] {timeSteps, m, features}, DataType.FLOAT), labels);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    /** (1/T)·Σ_t CE(O[t], y) from core ops; predicts argmax of the time mean. */
    static final class MeanCe implements Objective {
        @Override
        public Tensor loss(Tensor outputs, int[] labels) {
            long t = outputs.size(0);
            long b = outputs.size(1);
            long k = outputs.size(2);
            INDArray onehot = Nd4j.zeros(outputs.dataType(), t, b, k);
            for (int s = 0; s < t; s++) {
                for (int i = 0; i < b; i++) {
                    onehot.putScalar(new long[] {s, i, labels[i]}, 1.0);
                }
            }
            return Activations.logSoftmax(outputs, 2).mul(Tensor.constant(onehot)).sum().mul(-1.0 / (t * b));
        }

        @Override
        public int[] predict(INDArray outputs) {
            return Trainer.argmax(outputs.mean(0));
        }

        @Override
        public String name() {
            return "mean-ce";
        }
    }
}
