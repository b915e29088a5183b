package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class Aedat2ReaderTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsKnownEventsWithFlippedXAndInvertedPolarity() throws Exception {
        long[] t = {10, 20, 35, 4_000_000_000L};
        int[] x = {0, 127, 64, 3};
        int[] y = {0, 127, 5, 100};
        byte[] p = {1, 0, 1, 0};
        Path f = dir.resolve("cifar.aedat");
        Files.write(f, AedatFixtures.aedat2(t, x, y, p));
        assertEquals(EventFormat.AEDAT2, EventFormat.detect(f));
        try (EventReader r = EventReaders.open(f)) {
            assertEquals(128, r.width());
            EventStream s = r.readAll();
            assertArrayEquals(t, s.t());
            assertArrayEquals(x, s.x());
            assertArrayEquals(y, s.y());
            assertArrayEquals(p, s.p());
        }
    }

    @Test
    void rawAddressBitsDecodeAsDocumented() throws Exception {
        // address 0x0501: polarity bit 1 (raw 1 = OFF), stored x field 0 -> x = 127, y = 5
        byte[] body = {0, 0, 0x05, 0x01, 0, 0, 0, 7};
        Path f = dir.resolve("raw.aedat");
        Files.write(f, AedatFixtures.concat("#!AER-DAT2.0\r\n".getBytes(), body));
        try (Aedat2Reader r = new Aedat2Reader(f)) {
            EventStream s = r.readAll();
            assertEquals(127, s.x()[0]);
            assertEquals(5, s.y()[0]);
            assertEquals(0, s.p()[0]);
            assertEquals(7, s.t()[0]);
        }
    }

    @Test
    void shortRecordIsReportedAtItsOffset() throws Exception {
        byte[] full = AedatFixtures.aedat2(new long[] {1, 2}, new int[] {1, 2}, new int[] {1, 2}, new byte[] {0, 1});
        Path f = dir.resolve("short.aedat");
        Files.write(f, Arrays.copyOf(full, full.length - 3));
        try (Aedat2Reader r = new Aedat2Reader(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
            assertEquals(full.length - 8, e.offset());
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("8-byte event record"), e.getMessage());
        }
    }

    @Test
    void wrongMagicIsRejected() throws Exception {
        Path f = dir.resolve("bad.aedat");
        Files.writeString(f, "#!AER-DAT9.9\r\n");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> new Aedat2Reader(f));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("#!AER-DAT2.0"), e.getMessage());
    }

    @Test
    void addressOutsideDvs128IsRejected() throws Exception {
        byte[] body = {0, 1, 0, 0, 0, 0, 0, 7}; // bit 16 set
        Path f = dir.resolve("addr.aedat");
        Files.write(f, AedatFixtures.concat("#!AER-DAT2.0\r\n".getBytes(), body));
        try (Aedat2Reader r = new Aedat2Reader(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
            assertEquals(14, e.offset());
        }
    }
}
