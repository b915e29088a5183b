package io.snn4j.data.events;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: writes AEDAT 2.0 and 3.1 byte streams from known events. */
final class AedatFixtures {
    private AedatFixtures() {
    }

    static byte[] aedat2(long[] t, int[] x, int[] y, byte[] p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!AER-DAT2.0\r\n# This is a raw AE data file created by a test\r\n# Timestamps tick is 1 us\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(8 * t.length).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < t.length; i++) {
            int addr = (y[i] << 8) | ((127 - x[i]) << 1) | (p[i] == 1 ? 0 : 1);
            b.putInt(addr).putInt((int) t[i]);
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    static byte[] aedat31Header() {
        return ("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#Start-Time: 2017-01-01\r\n#!END-HEADER\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A polarity packet; valid[i] false writes the event with its valid bit clear. */
    static byte[] polarityPacket(int tsOverflow, long[] t, int[] x, int[] y, byte[] p, boolean[] valid) {
        int n = t.length;
        ByteBuffer b = ByteBuffer.allocate(28 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(tsOverflow).putInt(n).putInt(n).putInt(n);
        for (int i = 0; i < n; i++) {
            int data = (x[i] << 17) | (y[i] << 2) | (p[i] << 1) | (valid == null || valid[i] ? 1 : 0);
            b.putInt(data).putInt((int) t[i]);
        }
        return b.array();
    }

    /** A packet of another type (e.g. 2 = frame/special) with arbitrary body bytes. */
    static byte[] otherPacket(int type, int eventSize, int capacity) {
        ByteBuffer b = ByteBuffer.allocate(28 + eventSize * capacity).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) type).putShort((short) 1).putInt(eventSize).putInt(0).putInt(0).putInt(capacity).putInt(capacity).putInt(capacity);
        for (int i = 28; i < b.capacity(); i++) {
            b.put(i, (byte) 0x5A);
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
