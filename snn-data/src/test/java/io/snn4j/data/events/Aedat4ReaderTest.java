package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class Aedat4ReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsDvxplorerSampleFacts() throws Exception {
        Path f = TestFiles.resource("dvxplorer-sample.aedat4", dir);
        assertEquals(EventFormat.AEDAT4, EventFormat.detect(f));
        try (Aedat4Reader r = new Aedat4Reader(f)) {
            assertEquals(Aedat4Reader.Compression.LZ4, r.compression());
            assertEquals(320, r.width());
            assertEquals(240, r.height());
            assertEquals(java.util.List.of(0, 2, 3), r.streams().stream().map(Aedat4Reader.StreamInfo::id).toList());
            assertEquals(java.util.List.of("EVTS", "IMUS", "TRIG"),
                    r.streams().stream().map(Aedat4Reader.StreamInfo::typeIdentifier).toList());
            EventStats s = EventStats.of(r);
            s.assertCounts(111_954, 56_931, 55_023);
            s.assertExtent(0, 319, 0, 239);
            assertTrue(s.monotonic);
            assertEquals(1605537493718345L, s.first);
            assertEquals(589_917L, s.last - s.first);
            Map<Integer, Integer> packets = r.packetCounts();
            assertEquals(59, packets.get(0));
            assertEquals(59, s.batches);
        }
    }

    @Test
    void wrongMagicNamesFileAndOffset() throws Exception {
        Path f = dir.resolve("bad.aedat4");
        Files.writeString(f, "#!AER-DAT3.1\r\n#!END-HEADER\r\n");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> new Aedat4Reader(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offset 0"), e.getMessage());
        assertTrue(e.getMessage().contains("#!AER-DAT4.0"), e.getMessage());
    }

    @Test
    void truncatedPacketRaisesWithOffset() throws Exception {
        byte[] all = Files.readAllBytes(TestFiles.resource("dvxplorer-sample.aedat4", dir));
        Path f = dir.resolve("trunc.aedat4");
        Files.write(f, Arrays.copyOf(all, 200_000));
        try (Aedat4Reader r = new Aedat4Reader(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> {
                while (r.nextBatch() != null) {
                    // drain
                }
            });
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("end of file"), e.getMessage());
            assertTrue(e.offset() > 0 && e.offset() < 200_000, e.getMessage());
        }
    }

    @Test
    void corruptLz4MagicInsidePacketIsReported() throws Exception {
        byte[] all = Files.readAllBytes(TestFiles.resource("dvxplorer-sample.aedat4", dir));
        int headerLen = (all[14] & 0xFF) | ((all[15] & 0xFF) << 8) | ((all[16] & 0xFF) << 16);
        int firstPacket = 18 + headerLen;
        all[firstPacket + 8] = 0x00; // first byte of the LZ4 magic
        Path f = dir.resolve("badlz4.aedat4");
        Files.write(f, all);
        try (Aedat4Reader r = new Aedat4Reader(f)) {
            CorruptDataException e = assertThrows(CorruptDataException.class, r::nextBatch);
            assertEquals(firstPacket + 8, e.offset());
            assertTrue(e.getMessage().contains("LZ4 frame magic"), e.getMessage());
        }
    }

    @Test
    void rejectsZstdCompressionClearly() throws Exception {
        byte[] all = Files.readAllBytes(TestFiles.resource("dvxplorer-sample.aedat4", dir));
        // IOHeader: root table at 18 + 24; its compression field is the first int32 of the table data
        int table = 18 + 24;
        int vtable = table - ((all[table] & 0xFF) | ((all[table + 1] & 0xFF) << 8));
        int fieldOff = (all[vtable + 4] & 0xFF) | ((all[vtable + 5] & 0xFF) << 8);
        assertEquals(1, all[table + fieldOff]);
        all[table + fieldOff] = 3;
        Path f = dir.resolve("zstd.aedat4");
        Files.write(f, all);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> new Aedat4Reader(f));
        assertTrue(e.getMessage().contains("ZSTD"), e.getMessage());
    }
}
