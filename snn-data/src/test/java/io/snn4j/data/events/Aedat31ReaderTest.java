package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Aedat31ReaderTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsPolarityPacketsSkippingOtherTypesAndExtendingOverflow() throws Exception {
        byte[] file = AedatFixtures.concat(AedatFixtures.aedat31Header(),
                AedatFixtures.polarityPacket(0, new long[] {5, 9}, new int[] {1, 127}, new int[] {2, 0}, new byte[] {1, 0}, null),
                AedatFixtures.otherPacket(2, 12, 3),
                AedatFixtures.polarityPacket(1, new long[] {3}, new int[] {60}, new int[] {127}, new byte[] {0}, null));
        Path f = dir.resolve("user01_fluorescent.aedat");
        Files.write(f, file);
        assertEquals(EventFormat.AEDAT31, EventFormat.detect(f));
        try (EventReader r = EventReaders.open(f)) {
            EventStream s = r.readAll();
            assertArrayEquals(new long[] {5, 9, (1L << 31) | 3}, s.t());
            assertArrayEquals(new int[] {1, 127, 60}, s.x());
            assertArrayEquals(new int[] {2, 0, 127}, s.y());
            assertArrayEquals(new byte[] {1, 0, 0}, s.p());
        }
    }

    @Test
    void invalidEventsAreDroppedAndCountedOrKeptOnRequest() throws Exception {
        byte[] file = AedatFixtures.concat(AedatFixtures.aedat31Header(),
                AedatFixtures.polarityPacket(0, new long[] {1, 2, 3}, new int[] {1, 2, 3}, new int[] {1, 2, 3},
                        new byte[] {1, 1, 1}, new boolean[] {true, false, true}));
        Path f = dir.resolve("inv.aedat");
        Files.write(f, file);
        try (Aedat31Reader r = new Aedat31Reader(f)) {
            assertArrayEquals(new long[] {1, 3}, r.readAll().t());
            assertEquals(1, r.invalidDropped());
        }
        try (Aedat31Reader r = new Aedat31Reader(Files.newInputStream(f), f.toString(), 128, 128, true)) {
            assertEquals(3, r.readAll().size());
        }
    }

    @Test
    void truncatedPacketBodyNamesFileOffsetAndExpectation() throws Exception {
        byte[] header = AedatFixtures.aedat31Header();
        byte[] file = AedatFixtures.concat(header,
                AedatFixtures.polarityPacket(0, new long[] {1, 2}, new int[] {1, 2}, new int[] {1, 2}, new byte[] {1, 0}, null));
        Path f = dir.resolve("trunc.aedat");
        Files.write(f, Arrays.copyOf(file, file.length - 4));
        try (Aedat31Reader r = new Aedat31Reader(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
            assertEquals(header.length + 28, e.offset());
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("polarity packet body"), e.getMessage());
        }
    }

    @Test
    void missingEndHeaderIsABadHeader() throws Exception {
        Path f = dir.resolve("nohdr.aedat");
        Files.writeString(f, "#!AER-DAT3.1\r\n#Format: RAW\r\nbinary\n");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> new Aedat31Reader(f));
        assertEquals(28, e.offset());
        assertTrue(e.getMessage().contains("#!END-HEADER") && e.getMessage().contains("\"binary\""), e.getMessage());
    }

    @Test
    void coordinateOutsideResolutionIsRejected() throws Exception {
        byte[] header = AedatFixtures.aedat31Header();
        byte[] file = AedatFixtures.concat(header,
                AedatFixtures.polarityPacket(0, new long[] {1}, new int[] {200}, new int[] {1}, new byte[] {1}, null));
        Path f = dir.resolve("coord.aedat");
        Files.write(f, file);
        try (Aedat31Reader r = new Aedat31Reader(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
            assertEquals(header.length + 28, e.offset());
            assertTrue(e.getMessage().contains("x=200"), e.getMessage());
        }
    }

    @Test
    void gestureLabelsSliceRecordingHalfOpen() throws Exception {
        Path csv = dir.resolve("user01_fluorescent_labels.csv");
        Files.writeString(csv, "class,startTime_usec,endTime_usec\n3,10,20\n11,20,31\n");
        List<GestureLabels.Segment> segs = GestureLabels.read(csv);
        assertEquals(List.of(new GestureLabels.Segment(2, 10, 20), new GestureLabels.Segment(10, 20, 31)), segs);
        EventStream s = new EventStream(128, 128, new long[] {5, 10, 19, 20, 30, 31}, new int[6], new int[6], new byte[6]);
        assertArrayEquals(new long[] {10, 19}, s.sliceByTime(10, 20).t());
        assertArrayEquals(new long[] {20, 30}, s.sliceByTime(20, 31).t());
    }

    @Test
    void gestureLabelsRejectBadRowNamingLine() throws Exception {
        Path csv = dir.resolve("bad_labels.csv");
        Files.writeString(csv, "class,startTime_usec,endTime_usec\n12,10,20\n");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> GestureLabels.read(csv));
        assertEquals(34, e.offset());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
