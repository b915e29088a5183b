package io.snn4j.data.batch;

import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import io.snn4j.data.augment.HorizontalFlip;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BatchIteratorTest {
    /** Sample i is [T=2, C=1, H=1, W=2] with values (i, t, w) encoded as 100·i + 10·t + w; label i % 3. */
    private static SampleSource frames(int n) {
        return new SampleSource() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Sample get(int i) {
                float[] v = new float[4];
                for (int t = 0; t < 2; t++) {
                    for (int w = 0; w < 2; w++) {
                        v[t * 2 + w] = 100 * i + 10 * t + w;
                    }
                }
                return new Sample(Nd4j.create(v, new long[] {2, 1, 1, 2}, DataType.FLOAT), i % 3);
            }

            @Override
            public int numClasses() {
                return 3;
            }
        };
    }

    private static List<Batch> all(SampleSource src, BatchOptions o, int epoch) {
        List<Batch> out = new ArrayList<>();
        try (BatchIterator it = new BatchIterator(src, o, epoch)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void stacksTimeMajorTBCHW() {
        List<Batch> b = all(frames(5), BatchOptions.builder().batchSize(2).shuffle(false).build(), 0);
        assertEquals(3, b.size());
        Batch first = b.get(0);
        assertArrayEquals(new long[] {2, 2, 1, 1, 2}, first.x().shape());
        assertEquals(111f, first.x().getFloat(1, 1, 0, 0, 1)); // t=1, b=1 (sample 1), w=1
        assertEquals(10f, first.x().getFloat(1, 0, 0, 0, 0));
        assertArrayEquals(new int[] {0, 1}, first.labels());
        assertEquals(1, b.get(2).size(), "last partial batch kept");
    }

    @Test
    void sameSeedSameBatchesDifferentEpochDifferentOrder() {
        BatchOptions o = BatchOptions.builder().batchSize(4).seed(11).build();
        List<Batch> a = all(frames(20), o, 0);
        List<Batch> b = all(frames(20), o, 0);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).x(), b.get(i).x());
            assertArrayEquals(a.get(i).labels(), b.get(i).labels());
        }
        assertNotEquals(java.util.Arrays.toString(new BatchIterator(frames(20), o, 0).order()),
                java.util.Arrays.toString(new BatchIterator(frames(20), o, 1).order()));
    }

    @Test
    void prefetchGivesIdenticalBatchesIncludingAugmentation() {
        BatchOptions.Builder ob = BatchOptions.builder().batchSize(3).seed(5).transform(new HorizontalFlip(0.5));
        List<Batch> plain = all(frames(10), ob.prefetch(0).build(), 2);
        List<Batch> pre = all(frames(10), ob.prefetch(2).build(), 2);
        assertEquals(plain.size(), pre.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i).x(), pre.get(i).x());
            assertArrayEquals(plain.get(i).indices(), pre.get(i).indices());
        }
    }

    @Test
    void dropLastDropsPartialBatch() {
        List<Batch> b = all(frames(5), BatchOptions.builder().batchSize(2).dropLast(true).build(), 0);
        assertEquals(2, b.size());
    }

    @Test
    void staticSamplesStackBatchFirst() {
        SampleSource s = new SampleSource() {
            public int size() {
                return 3;
            }

            public Sample get(int i) {
                return new Sample(Nd4j.create(new float[] {i, i}, new long[] {1, 1, 2}, DataType.FLOAT), i);
            }

            public int numClasses() {
                return 3;
            }
        };
        Batch b = all(s, BatchOptions.builder().batchSize(3).shuffle(false).build(), 0).get(0);
        assertArrayEquals(new long[] {3, 1, 1, 2}, b.x().shape());
        assertEquals(2f, b.x().getFloat(2, 0, 0, 1));
    }

    @Test
    void backgroundExceptionPropagatesToCaller() {
        SampleSource failing = new SampleSource() {
            public int size() {
                return 8;
            }

            public Sample get(int i) {
                if (i == 5) {
                    throw new io.snn4j.data.CorruptDataException("f.bin", 12, "x", "y");
                }
                return frames(8).get(i);
            }

            public int numClasses() {
                return 3;
            }
        };
        BatchOptions o = BatchOptions.builder().batchSize(2).shuffle(false).prefetch(1).build();
        try (BatchIterator it = new BatchIterator(failing, o, 0)) {
            it.next();
            it.next();
            io.snn4j.data.CorruptDataException e = assertThrows(io.snn4j.data.CorruptDataException.class, it::next);
            assertEquals(12, e.offset());
            assertFalse(it.hasNext());
        }
    }

    @Test
    void closeStopsPrefetchThread() throws Exception {
        BatchIterator it = new BatchIterator(frames(100), BatchOptions.builder().batchSize(1).prefetch(1).build(), 0);
        it.next();
        it.close();
        assertFalse(it.hasNext());
        Thread.sleep(50);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("snn-data-prefetch") && t.isAlive()));
    }
}
