package io.snn4j.data.io;

/** Little- and big-endian primitive decoding from byte arrays (no allocation). */
public final class Bytes {
    private Bytes() {
    }

    /** Little-endian int16. */
    public static short int16LE(byte[] b, int i) {
        return (short) ((b[i] & 0xFF) | (b[i + 1] << 8));
    }

    /** Little-endian uint16. */
    public static int uint16LE(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    /** Little-endian int32. */
    public static int int32LE(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) | ((b[i + 2] & 0xFF) << 16) | ((b[i + 3] & 0xFF) << 24);
    }

    /** Little-endian int64. */
    public static long int64LE(byte[] b, int i) {
        return (int32LE(b, i) & 0xFFFFFFFFL) | ((long) int32LE(b, i + 4) << 32);
    }

    /** Big-endian int32. */
    public static int int32BE(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    /** Formats bytes as hex for error messages. */
    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = off; i < off + len && i < b.length; i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
