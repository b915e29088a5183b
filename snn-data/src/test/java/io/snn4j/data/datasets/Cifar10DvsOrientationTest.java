package io.snn4j.data.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.snn4j.data.Split;
import io.snn4j.data.frames.SplitMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class Cifar10DvsOrientationTest {
    /** One ON event with raw address fields x = 10 (bits 1–7), y = 20 (bits 8–14); raw polarity 0 = ON. */
    static byte[] oneEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!AER-DAT2.0\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(8).putInt((20 << 8) | (10 << 1)).putInt(5).array());
        return out.toByteArray();
    }

    static INDArray frames(Path root, Cifar10DvsFolder.Orientation o) throws Exception {
        EventFrameDataset ds = Cifar10DvsFolder.open(root, Split.TRAIN, 1.0, 7, FrameConfig.of(1, SplitMethod.BY_COUNT),
                null, o);
        return ds.get(0).x();
    }

    @Test
    void framesFollowSpikingJellyAxesByDefaultOrTheSensorAxes(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("CIFAR10DVS");
        for (String c : Cifar10DvsFolder.CLASSES) {
            Files.createDirectories(root.resolve(c));
        }
        Files.write(root.resolve("airplane").resolve("a.aedat"), oneEvent());
        // sensor axes: x = 127 − 10 = 117, y = 20
        INDArray sensor = frames(root, Cifar10DvsFolder.Orientation.SENSOR);
        assertEquals(1.0, sensor.getDouble(0, 1, 20, 117));
        assertEquals(1.0, sensor.sumNumber().doubleValue());
        // SpikingJelly: x = 127 − y_raw = 107, y = 127 − x_raw = 117 (its CIFAR10-DVS loader)
        INDArray sj = frames(root, Cifar10DvsFolder.Orientation.SPIKINGJELLY);
        assertEquals(1.0, sj.getDouble(0, 1, 117, 107));
        assertEquals(1.0, sj.sumNumber().doubleValue());
        EventFrameDataset byDefault = Cifar10DvsFolder.open(root, Split.TRAIN, 1.0, 7, FrameConfig.of(1, SplitMethod.BY_COUNT), null);
        assertEquals(sj, byDefault.get(0).x(), "SpikingJelly's axes are the default");
    }
}
