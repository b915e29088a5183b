package io.snn4j.neurons.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The kernels read their inputs in place when they can: a dense array as it is, a reshape view of a whole buffer
 * (a time-folded layer's output) over that buffer without a copy; a strided or partial view is copied.
 */
class NdIoTest {
    @Test
    void aDenseArrayIsUsedAsItIs() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 6);
        assertSame(a, NdIo.dense(a));
    }

    @Test
    void aReshapeViewOfAWholeBufferIsReadInPlace() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 8, 3, 2, 2);
        INDArray view = base.reshape('c', 2, 4, 12);
        INDArray d = NdIo.dense(view);
        assertEquals(base.data().address(), d.data().address(), "no copy");
        assertEquals(view, d);
    }

    @Test
    void aPartialOrStridedViewIsCopied() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray rows = base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        assertNotEquals(base.data().address(), NdIo.dense(rows).data().address());
        assertEquals(rows, NdIo.dense(rows));
        INDArray t = base.transpose();
        assertEquals(t, NdIo.dense(t));
        assertNotEquals(base.data().address(), NdIo.dense(t).data().address());
    }
}
