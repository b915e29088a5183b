package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.io.Bytes;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import java.util.Arrays;

/**
 * Decoder of one LZ4 frame (LZ4 Frame Format 1.6.x: magic 0x184D2204, FLG/BD, optional content size,
 * header checksum, size-prefixed blocks with the high bit marking stored blocks, end mark, optional
 * block and content xxHash32 checksums), including frames whose blocks are dependent.
 *
 * <p>Independent blocks and the first block of a frame are decoded by lz4-java's
 * {@link LZ4SafeDecompressor}. lz4-java refuses matches that reach before {@code destOff}, so later
 * blocks of a dependent-block frame (whose matches may reach up to 64 KiB back into earlier output)
 * are decoded by a small bounds-checked LZ4 block decoder that treats all earlier output of the frame
 * as the dictionary.
 */
public final class Lz4FrameDecoder {
    /** LZ4 frame magic number (little-endian in the stream). */
    public static final int MAGIC = 0x184D2204;

    private final LZ4SafeDecompressor lz4 = LZ4Factory.fastestInstance().safeDecompressor();
    private final XXHash32 xxhash = XXHashFactory.fastestInstance().hash32();
    private byte[] out = new byte[1 << 17];

    /** Result of decoding one frame: the bytes in data[0, length). */
    public record Decoded(byte[] data, int length, int frameBytes) {
    }

    /**
     * Decodes the frame starting at src[off] (at most {@code len} bytes). The returned array is
     * reused by the next call. {@code fileOffset} is the file position of src[off] for messages.
     * Equivalent to {@link #decode(byte[], int, int, int, String, long)} with no cap but the 2 GiB
     * of an array.
     */
    public Decoded decode(byte[] src, int off, int len, String source, long fileOffset) {
        return decode(src, off, len, Integer.MAX_VALUE - 16, source, fileOffset);
    }

    /**
     * Decodes the frame starting at src[off] (at most {@code len} bytes) to at most
     * {@code maxDecoded} bytes: a frame whose blocks (or declared content size) would decode to
     * more is rejected with a {@link CorruptDataException} as soon as that is known, having
     * allocated at most {@code maxDecoded} plus one block (4 MiB). The returned array is reused by
     * the next call. {@code fileOffset} is the file position of src[off] for messages.
     */
    public Decoded decode(byte[] src, int off, int len, int maxDecoded, String source, long fileOffset) {
        int end = off + len;
        int p = off;
        if (len < 7) {
            throw new CorruptDataException(source, fileOffset, "an LZ4 frame header (at least 7 bytes)", len + " bytes");
        }
        int magic = Bytes.int32LE(src, p);
        if (magic != MAGIC) {
            throw new CorruptDataException(source, fileOffset, "LZ4 frame magic 0x184d2204", String.format("0x%08x", magic));
        }
        int flg = src[p + 4] & 0xFF;
        int bd = src[p + 5] & 0xFF;
        if ((flg >>> 6) != 1 || (flg & 0x02) != 0 || (bd & 0x8F) != 0) {
            throw new CorruptDataException(source, fileOffset + 4, "LZ4 FLG version 01 with reserved bits clear and a valid BD",
                    String.format("FLG=0x%02x BD=0x%02x", flg, bd));
        }
        boolean independent = (flg & 0x20) != 0;
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentSize = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        boolean dictId = (flg & 0x01) != 0;
        int bsId = (bd >>> 4) & 7;
        if (bsId < 4) {
            throw new CorruptDataException(source, fileOffset + 5, "LZ4 block max size id 4..7", String.valueOf(bsId));
        }
        int blockMax = 1 << (8 + 2 * bsId);
        int descLen = 2 + (contentSize ? 8 : 0) + (dictId ? 4 : 0);
        if (len < 4 + descLen + 1) {
            throw new CorruptDataException(source, fileOffset, "a complete LZ4 frame descriptor", len + " bytes");
        }
        if (dictId) {
            throw new CorruptDataException(source, fileOffset + 4, "an LZ4 frame without an external dictionary id", "FLG dictId bit set");
        }
        if (contentSize) {
            long declared = Bytes.int64LE(src, off + 6);
            if (declared < 0 || declared > maxDecoded) {
                throw new CorruptDataException(source, fileOffset + 6, "a declared content size of at most " + maxDecoded
                        + " bytes (the cap for this packet's size)", Long.toUnsignedString(declared));
            }
        }
        int hc = (xxhash.hash(src, p + 4, descLen, 0) >>> 8) & 0xFF;
        int storedHc = src[p + 4 + descLen] & 0xFF;
        if (hc != storedHc) {
            throw new CorruptDataException(source, fileOffset + 4 + descLen, String.format("LZ4 header checksum 0x%02x", hc),
                    String.format("0x%02x", storedHc));
        }
        p += 4 + descLen + 1;
        int pos = 0;
        boolean first = true;
        while (true) {
            if (p + 4 > end) {
                throw new CorruptDataException(source, fileOffset + (p - off), "an LZ4 block size word or end mark", "end of packet");
            }
            int word = Bytes.int32LE(src, p);
            long wordOffset = fileOffset + (p - off);
            p += 4;
            if (word == 0) {
                break;
            }
            boolean stored = (word & 0x80000000) != 0;
            int size = word & 0x7FFFFFFF;
            if (size > blockMax || p + size > end) {
                throw new CorruptDataException(source, wordOffset, "an LZ4 block of at most " + Math.min(blockMax, end - p)
                        + " bytes", size + " bytes");
            }
            if (blockChecksum) {
                if (p + size + 4 > end) {
                    throw new CorruptDataException(source, wordOffset, "an LZ4 block checksum", "end of packet");
                }
                int h = xxhash.hash(src, p, size, 0);
                int stored32 = Bytes.int32LE(src, p + size);
                if (h != stored32) {
                    throw new CorruptDataException(source, fileOffset + (p + size - off), String.format("block checksum 0x%08x", h),
                            String.format("0x%08x", stored32));
                }
            }
            if (pos > maxDecoded - (stored ? size : 0)) {
                throw tooLarge(source, wordOffset, maxDecoded, pos + (long) size);
            }
            ensure((int) Math.min(Integer.MAX_VALUE - 16, (long) pos + blockMax));
            int n;
            if (stored) {
                System.arraycopy(src, p, out, pos, size);
                n = size;
            } else if (independent || first) {
                try {
                    n = lz4.decompress(src, p, size, out, pos, blockMax);
                } catch (LZ4Exception e) {
                    throw new CorruptDataException(source, fileOffset + (p - off), "a valid LZ4 block", e.getMessage(), e);
                }
            } else {
                n = decodeDependentBlock(src, p, size, pos, blockMax, source, fileOffset + (p - off));
            }
            pos += n;
            if (pos > maxDecoded) {
                throw tooLarge(source, wordOffset, maxDecoded, pos);
            }
            first = false;
            p += size + (blockChecksum ? 4 : 0);
        }
        if (contentChecksum) {
            if (p + 4 > end) {
                throw new CorruptDataException(source, fileOffset + (p - off), "an LZ4 content checksum", "end of packet");
            }
            int h = xxhash.hash(out, 0, pos, 0);
            int stored32 = Bytes.int32LE(src, p);
            if (h != stored32) {
                throw new CorruptDataException(source, fileOffset + (p - off), String.format("content checksum 0x%08x", h),
                        String.format("0x%08x", stored32));
            }
            p += 4;
        }
        if (contentSize) {
            long declared = Bytes.int64LE(src, off + 6);
            if (declared != pos) {
                throw new CorruptDataException(source, fileOffset + 6, "decoded content size " + declared, pos + " bytes");
            }
        }
        return new Decoded(out, pos, p - off);
    }

    private static CorruptDataException tooLarge(String source, long blockOffset, int maxDecoded, long reached) {
        return new CorruptDataException(source, blockOffset, "LZ4 blocks decoding to at most " + maxDecoded
                + " bytes (the cap for this packet's size)", "at least " + reached + " bytes by the block here");
    }

    private void ensure(int need) {
        if (need > out.length) {
            out = Arrays.copyOf(out, Math.max(need, out.length * 2));
        }
    }

    /**
     * LZ4 block format: sequences of token (literal length high nibble, match length low nibble),
     * extended lengths (bytes of 255), literals, little-endian 16-bit offset; matches may start
     * anywhere in earlier output of this frame. Returns the number of bytes produced at out[dst].
     */
    private int decodeDependentBlock(byte[] src, int sp, int srcLen, int dst, int maxOut, String source, long blockOffset) {
        int send = sp + srcLen;
        int d = dst;
        int dend = dst + maxOut;
        int s = sp;
        while (true) {
            if (s >= send) {
                throw blockError(source, blockOffset + (s - sp), "a sequence token", "end of block");
            }
            int token = src[s++] & 0xFF;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    if (s >= send) {
                        throw blockError(source, blockOffset + (s - sp), "a literal length byte", "end of block");
                    }
                    b = src[s++] & 0xFF;
                    lit += b;
                } while (b == 255);
            }
            if (s + lit > send || d + lit > dend) {
                throw blockError(source, blockOffset + (s - sp), lit + " literal bytes", "a block or output limit");
            }
            System.arraycopy(src, s, out, d, lit);
            s += lit;
            d += lit;
            if (s == send) {
                return d - dst;
            }
            if (s + 2 > send) {
                throw blockError(source, blockOffset + (s - sp), "a 2-byte match offset", "end of block");
            }
            int offset = (src[s] & 0xFF) | ((src[s + 1] & 0xFF) << 8);
            s += 2;
            if (offset == 0 || offset > d) {
                throw blockError(source, blockOffset + (s - 2 - sp), "a match offset in 1.." + Math.min(d, 65535), String.valueOf(offset));
            }
            int ml = token & 15;
            if (ml == 15) {
                int b;
                do {
                    if (s >= send) {
                        throw blockError(source, blockOffset + (s - sp), "a match length byte", "end of block");
                    }
                    b = src[s++] & 0xFF;
                    ml += b;
                } while (b == 255);
            }
            ml += 4;
            if (d + ml > dend) {
                throw blockError(source, blockOffset + (s - sp), "a match within the block size", ml + " bytes");
            }
            int from = d - offset;
            if (offset >= ml) {
                System.arraycopy(out, from, out, d, ml);
            } else {
                for (int i = 0; i < ml; i++) {
                    out[d + i] = out[from + i];
                }
            }
            d += ml;
        }
    }

    private static CorruptDataException blockError(String source, long offset, String expected, String found) {
        return new CorruptDataException(source, offset, expected + " in an LZ4 block", found);
    }
}
