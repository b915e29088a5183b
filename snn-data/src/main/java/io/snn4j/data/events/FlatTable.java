package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.io.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Minimal bounds-checked reader of one FlatBuffers table (google.github.io/flatbuffers, binary
 * format): root uoffset, soffset to the vtable, uint16 field offsets; scalar, string and vector fields.
 */
final class FlatTable {
    private final byte[] buf;
    private final int start;
    private final int end;
    private final int table;
    private final int vtable;
    private final int vtableSize;
    private final String source;
    private final long fileOffset;

    private FlatTable(byte[] buf, int start, int end, int table, String source, long fileOffset) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.table = table;
        this.source = source;
        this.fileOffset = fileOffset;
        check(table, 4, "a table");
        int vt = table - Bytes.int32LE(buf, table);
        check(vt, 4, "a vtable");
        this.vtable = vt;
        this.vtableSize = Bytes.uint16LE(buf, vt);
        if (vtableSize < 4 || (vtableSize & 1) != 0) {
            throw corrupt(vt, "a vtable size >= 4 and even", String.valueOf(vtableSize));
        }
        check(vt, vtableSize, "a vtable of " + vtableSize + " bytes");
    }

    /**
     * The root table of the buffer held in buf[start, end); {@code identifier} (4 chars) is checked
     * when not null. {@code fileOffset} is the file position of buf[start], for messages.
     */
    static FlatTable root(byte[] buf, int start, int end, String identifier, String source, long fileOffset) {
        if (end - start < 8) {
            throw new CorruptDataException(source, fileOffset, "a FlatBuffer of at least 8 bytes", (end - start) + " bytes");
        }
        if (identifier != null) {
            String id = new String(buf, start + 4, 4, StandardCharsets.ISO_8859_1);
            if (!id.equals(identifier)) {
                throw new CorruptDataException(source, fileOffset + 4, "FlatBuffer identifier \"" + identifier + "\"",
                        "\"" + id.replaceAll("[^\\x20-\\x7e]", "?") + "\"");
            }
        }
        long root = Bytes.int32LE(buf, start) & 0xFFFFFFFFL;
        if (root < 4 || start + root > end - 4) {
            throw new CorruptDataException(source, fileOffset, "a root table offset inside the " + (end - start)
                    + "-byte FlatBuffer", String.valueOf(root));
        }
        return new FlatTable(buf, start, end, start + (int) root, source, fileOffset);
    }

    private CorruptDataException corrupt(int pos, String expected, String found) {
        return new CorruptDataException(source, fileOffset + (pos - start), expected, found);
    }

    private void check(int pos, long len, String what) {
        if (pos < start || pos + len > end) {
            throw corrupt(Math.max(start, Math.min(pos, end)), what + " inside the FlatBuffer of " + (end - start) + " bytes",
                    "position " + (pos - start));
        }
    }

    /** Absolute position of field {@code index}, or -1 when absent. */
    private int fieldPos(int index) {
        int slot = 4 + 2 * index;
        if (slot + 2 > vtableSize) {
            return -1;
        }
        int off = Bytes.uint16LE(buf, vtable + slot);
        return off == 0 ? -1 : table + off;
    }

    int int32(int index, int def) {
        int p = fieldPos(index);
        if (p < 0) {
            return def;
        }
        check(p, 4, "an int32 field");
        return Bytes.int32LE(buf, p);
    }

    long int64(int index, long def) {
        int p = fieldPos(index);
        if (p < 0) {
            return def;
        }
        check(p, 8, "an int64 field");
        return Bytes.int64LE(buf, p);
    }

    /** Absolute position of the first element of a vector field, or -1; sets nothing else. */
    int vectorStart(int index) {
        int p = fieldPos(index);
        if (p < 0) {
            return -1;
        }
        check(p, 4, "a vector offset field");
        long target = p + (Bytes.int32LE(buf, p) & 0xFFFFFFFFL);
        if (target > end - 4) {
            throw corrupt(p, "a vector offset inside the FlatBuffer", String.valueOf(target - start));
        }
        return (int) target + 4;
    }

    /** Element count of a vector whose elements start at {@code vectorStart}. */
    int vectorLength(int vectorStart, int elementSize) {
        long n = Bytes.int32LE(buf, vectorStart - 4) & 0xFFFFFFFFL;
        check(vectorStart, n * elementSize, "a vector of " + n + " elements of " + elementSize + " bytes");
        return (int) n;
    }

    String string(int index) {
        int s = vectorStart(index);
        if (s < 0) {
            return null;
        }
        int n = vectorLength(s, 1);
        return new String(buf, s, n, StandardCharsets.UTF_8);
    }

    /** Maps an absolute buffer position to a file offset (for messages). */
    long fileOffsetOf(int pos) {
        return fileOffset + (pos - start);
    }
}
