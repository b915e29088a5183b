package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class NMnistBinReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsNmnistSampleFacts() throws Exception {
        Path f = TestFiles.resource("nmnist-sample.bin", dir);
        assertEquals(EventFormat.NMNIST_BIN, EventFormat.detect(f));
        try (NMnistBinReader r = NMnistBinReader.nmnist(f)) {
            EventStats s = EventStats.of(r);
            s.assertCounts(4325, 2180, 2145);
            s.assertExtent(0, 33, 0, 33);
            assertTrue(s.monotonic);
            assertEquals(654, s.first);
            assertEquals(311_175, s.last);
        }
    }

    @Test
    void decodesPolarityAnd23BitTimestamp() throws Exception {
        Path f = dir.resolve("one.bin");
        Files.write(f, new byte[] {5, 7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 1, 2, 0x00, 0x01, 0x00});
        try (NMnistBinReader r = NMnistBinReader.nmnist(f)) {
            EventBatch s = r.nextBatch(); // file order (readAll would sort the second event first)
            assertEquals(2, s.size());
            assertArrayEquals(new int[] {5, 1}, s.x());
            assertArrayEquals(new int[] {7, 2}, s.y());
            assertArrayEquals(new byte[] {1, 0}, s.p());
            assertArrayEquals(new long[] {0x7FFFFE, 256}, s.t());
        }
    }

    @Test
    void shortRecordNamesFileOffsetAndExpectation() throws Exception {
        byte[] all = Files.readAllBytes(TestFiles.resource("nmnist-sample.bin", dir));
        Path f = dir.resolve("short.bin");
        Files.write(f, Arrays.copyOf(all, all.length - 2));
        try (NMnistBinReader r = NMnistBinReader.nmnist(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
            assertEquals(all.length - 5, e.offset());
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("5-byte event record"), e.getMessage());
        }
    }

    @Test
    void coordinateOutsideResolutionIsRejected() throws Exception {
        Path f = dir.resolve("coord.bin");
        Files.write(f, new byte[] {1, 1, 0, 0, 1, 34, 3, 0, 0, 2});
        try (NMnistBinReader r = NMnistBinReader.nmnist(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
            assertEquals(5, e.offset());
            assertTrue(e.getMessage().contains("x=34"), e.getMessage());
        }
    }
}
