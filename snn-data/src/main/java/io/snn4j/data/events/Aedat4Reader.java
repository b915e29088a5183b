package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.io.Bytes;
import io.snn4j.data.io.CheckedInput;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streaming reader of iniVation DV AEDAT 4.0 files: "#!AER-DAT4.0\r\n", uint32 LE header length, an
 * IOHeader FlatBuffer (compression, dataTablePosition, XML info naming the streams), then packets
 * {@code int32 streamId, int32 size, size bytes} (LZ4 frames, possibly with dependent blocks); event
 * packets decode, one at a time, to an "EVTS" FlatBuffer of 16-byte events {@code int64 t, int16 x,
 * int16 y, uint8 on}. Packets of other streams (IMU, triggers, frames) are skipped by size.
 */
public final class Aedat4Reader implements EventReader {
    /** The magic line. */
    public static final String MAGIC = "#!AER-DAT4.0\r\n";

    /** IOHeader compression types (dv-processing CompressionType). */
    public enum Compression {
        NONE, LZ4, LZ4_HIGH, ZSTD, ZSTD_HIGH
    }

    /** One stream declared in the header's XML info node. */
    public record StreamInfo(int id, String typeIdentifier, String outputName, int sizeX, int sizeY) {
    }

    private static final int MAX_HEADER = 1 << 24;
    private static final int MAX_PACKET = 1 << 28;
    /**
     * Most bytes one compressed event packet may decode to: 64 MiB, 4 Mi events (a packet covers
     * milliseconds of a recording; DV writes far smaller ones).
     */
    public static final int MAX_DECODED_PACKET = 1 << 26;
    /**
     * Most bytes one compressed event packet may decode to per compressed byte (plus
     * {@value #DECODED_SLACK} bytes). Real event packets compress 2-4 times; LZ4 itself allows about
     * 255, which is how decompression bombs get their size.
     */
    public static final int MAX_DECODED_RATIO = 32;
    private static final int DECODED_SLACK = 1 << 16;
    private static final int EVENT_BYTES = 16;

    private final CheckedInput in;
    private final Compression compression;
    private final long dataTablePosition;
    private final List<StreamInfo> streams;
    private final StreamInfo eventStream;
    private final Lz4FrameDecoder lz4 = new Lz4FrameDecoder();
    private final Map<Integer, Integer> packetCounts = new TreeMap<>();
    private byte[] packet = new byte[1 << 16];

    /** Opens a file and reads its header. */
    public Aedat4Reader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString());
    }

    /** Reads from a stream; {@code source} names it in errors. */
    public Aedat4Reader(InputStream stream, String source) throws IOException {
        this.in = new CheckedInput(stream, source);
        try {
            byte[] magic = new byte[MAGIC.length()];
            int n = in.readUpTo(magic, 0, magic.length);
            String m = new String(magic, 0, n, StandardCharsets.ISO_8859_1);
            if (!m.equals(MAGIC)) {
                throw in.corrupt(0, "magic \"#!AER-DAT4.0\\r\\n\"", "\"" + m.replaceAll("[^\\x20-\\x7e]", "?") + "\"");
            }
            long lenPos = in.position();
            int headerLen = in.readInt32LE("the IOHeader length (uint32 LE)");
            if (headerLen < 8 || headerLen > MAX_HEADER) {
                throw in.corrupt(lenPos, "an IOHeader length in 8.." + MAX_HEADER, String.valueOf(headerLen & 0xFFFFFFFFL));
            }
            long headerPos = in.position();
            byte[] header = in.readBytes(headerLen, "the IOHeader FlatBuffer");
            FlatTable t = FlatTable.root(header, 0, headerLen, "IOHE", source, headerPos);
            int c = t.int32(0, 0);
            if (c < 0 || c >= Compression.values().length) {
                throw in.corrupt(headerPos, "an IOHeader compression type 0..4", String.valueOf(c));
            }
            this.compression = Compression.values()[c];
            if (compression == Compression.ZSTD || compression == Compression.ZSTD_HIGH) {
                throw new UnsupportedOperationException(source + ": AEDAT 4.0 compression " + compression
                        + " is not supported (supported: NONE, LZ4, LZ4_HIGH); convert the file, e.g. with dv-processing");
            }
            this.dataTablePosition = t.int64(1, -1L);
            String info = t.string(2);
            if (info == null) {
                throw in.corrupt(headerPos, "an IOHeader infoNode (XML) string", "none");
            }
            this.streams = Collections.unmodifiableList(parseStreams(info, source, headerPos));
            StreamInfo ev = null;
            for (StreamInfo s : streams) {
                if ("EVTS".equals(s.typeIdentifier())) {
                    ev = s;
                    break;
                }
            }
            if (ev == null || ev.sizeX() <= 0 || ev.sizeY() <= 0) {
                throw in.corrupt(headerPos, "an EVTS stream with sizeX and sizeY in the header XML",
                        ev == null ? "no EVTS stream" : "sizeX=" + ev.sizeX() + ", sizeY=" + ev.sizeY());
            }
            this.eventStream = ev;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static List<StreamInfo> parseStreams(String xml, String source, long headerPos) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new CorruptDataException(source, headerPos, "well-formed XML in the IOHeader infoNode", e.getMessage(), e);
        }
        List<StreamInfo> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element outInfo = (Element) nodes.item(i);
            if (!"outInfo".equals(outInfo.getAttribute("name"))) {
                continue;
            }
            for (Node n = outInfo.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element) || !"node".equals(n.getNodeName())) {
                    continue;
                }
                Element s = (Element) n;
                int id;
                try {
                    id = Integer.parseInt(s.getAttribute("name"));
                } catch (NumberFormatException e) {
                    throw new CorruptDataException(source, headerPos, "numeric stream ids in the header XML",
                            "\"" + s.getAttribute("name") + "\"");
                }
                String type = attr(s, "typeIdentifier");
                String name = attr(s, "originalOutputName");
                int sx = -1;
                int sy = -1;
                for (Node c = s.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element && "node".equals(c.getNodeName()) && "info".equals(((Element) c).getAttribute("name"))) {
                        String x = attr((Element) c, "sizeX");
                        String y = attr((Element) c, "sizeY");
                        try {
                            sx = x == null ? -1 : Integer.parseInt(x.strip());
                            sy = y == null ? -1 : Integer.parseInt(y.strip());
                        } catch (NumberFormatException e) {
                            throw new CorruptDataException(source, headerPos, "integer sizeX/sizeY", x + "/" + y);
                        }
                    }
                }
                out.add(new StreamInfo(id, type, name, sx, sy));
            }
        }
        return out;
    }

    private static String attr(Element node, String key) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element && "attr".equals(c.getNodeName()) && key.equals(((Element) c).getAttribute("key"))) {
                return c.getTextContent();
            }
        }
        return null;
    }

    /** Compression declared in the IOHeader. */
    public Compression compression() {
        return compression;
    }

    /** File offset of the data table (the end of the packets), or -1 when the header gives none. */
    public long dataTablePosition() {
        return dataTablePosition;
    }

    /** Streams declared in the header XML, in file order. */
    public List<StreamInfo> streams() {
        return streams;
    }

    /** The event (EVTS) stream that this reader decodes. */
    public StreamInfo eventStream() {
        return eventStream;
    }

    /** Packets seen so far per stream id (all streams, including skipped ones). */
    public Map<Integer, Integer> packetCounts() {
        return Collections.unmodifiableMap(packetCounts);
    }

    @Override
    public EventFormat format() {
        return EventFormat.AEDAT4;
    }

    @Override
    public int width() {
        return eventStream.sizeX();
    }

    @Override
    public int height() {
        return eventStream.sizeY();
    }

    @Override
    public EventBatch nextBatch() throws IOException {
        while (true) {
            long start = in.position();
            if (dataTablePosition >= 0 && start >= dataTablePosition) {
                return null;
            }
            if (in.atEof()) {
                if (dataTablePosition >= 0) {
                    throw in.corrupt(start, "packets up to the data table at byte " + dataTablePosition, "end of file");
                }
                return null;
            }
            int streamId = in.readInt32LE("a packet stream id (int32 LE)");
            int size = in.readInt32LE("a packet size (int32 LE)");
            long limit = dataTablePosition >= 0 ? dataTablePosition - in.position() : MAX_PACKET;
            if (size <= 0 || size > MAX_PACKET || size > limit) {
                throw in.corrupt(start + 4, "a packet size in 1.." + Math.min(limit, MAX_PACKET), String.valueOf(size));
            }
            boolean known = false;
            for (StreamInfo s : streams) {
                known |= s.id() == streamId;
            }
            if (!known) {
                throw in.corrupt(start, "a stream id declared in the header " + streamIds(), String.valueOf(streamId));
            }
            packetCounts.merge(streamId, 1, Integer::sum);
            if (streamId != eventStream.id()) {
                in.skipFully(size, "a packet of stream " + streamId);
                continue;
            }
            long body = in.position();
            // grows with the bytes present: a size claiming more than the file holds allocates no more than it
            packet = in.readGrowing(packet, size, "an event packet");
            byte[] data;
            int len;
            if (compression == Compression.NONE) {
                data = packet;
                len = size;
            } else {
                Lz4FrameDecoder.Decoded d = lz4.decode(packet, 0, size, maxDecoded(size), in.source(), body);
                if (d.frameBytes() != size) {
                    throw in.corrupt(body + d.frameBytes(), "the LZ4 frame to end at the packet end (" + size + " bytes)",
                            d.frameBytes() + " bytes");
                }
                data = d.data();
                len = d.length();
            }
            EventBatch b = decodeEvents(data, len, body, compression != Compression.NONE);
            if (b.size() > 0) {
                return b;
            }
        }
    }

    /**
     * The decoded-size cap of a packet of {@code compressed} bytes: {@link #MAX_DECODED_RATIO} times
     * its size plus 64 KiB, at most {@link #MAX_DECODED_PACKET}. Memory and time stay proportional
     * to the file's size whatever its LZ4 blocks claim.
     */
    static int maxDecoded(int compressed) {
        return (int) Math.min(MAX_DECODED_PACKET, (long) MAX_DECODED_RATIO * compressed + DECODED_SLACK);
    }

    private String streamIds() {
        StringBuilder sb = new StringBuilder();
        for (StreamInfo s : streams) {
            sb.append(sb.length() == 0 ? "" : ",").append(s.id());
        }
        return "{" + sb + "}";
    }

    private EventBatch decodeEvents(byte[] data, int len, long packetOffset, boolean decompressed) {
        String where = decompressed ? in.source() + " (packet at byte " + packetOffset + ", decompressed)" : in.source();
        long base = decompressed ? 0 : packetOffset;
        if (len < 12) {
            throw new CorruptDataException(where, base, "a size-prefixed EVTS FlatBuffer", len + " bytes");
        }
        long prefix = Bytes.int32LE(data, 0) & 0xFFFFFFFFL;
        if (prefix != len - 4) {
            throw new CorruptDataException(where, base, "FlatBuffer size prefix " + (len - 4), String.valueOf(prefix));
        }
        FlatTable t = FlatTable.root(data, 4, len, "EVTS", where, base + 4);
        int vs = t.vectorStart(0);
        if (vs < 0) {
            return new EventBatch(new long[0], new int[0], new int[0], new byte[0], 0);
        }
        int n = t.vectorLength(vs, EVENT_BYTES);
        long[] ts = new long[n];
        int[] xs = new int[n];
        int[] ys = new int[n];
        byte[] ps = new byte[n];
        int w = width();
        int h = height();
        for (int i = 0, o = vs; i < n; i++, o += EVENT_BYTES) {
            int x = Bytes.int16LE(data, o + 8);
            int y = Bytes.int16LE(data, o + 10);
            int on = data[o + 12] & 0xFF;
            if (x < 0 || x >= w || y < 0 || y >= h || on > 1) {
                throw new CorruptDataException(where, t.fileOffsetOf(o), "an event with 0 <= x < " + w + ", 0 <= y < " + h
                        + ", polarity 0/1", "x=" + x + ", y=" + y + ", on=" + on);
            }
            ts[i] = Bytes.int64LE(data, o);
            xs[i] = x;
            ys[i] = y;
            ps[i] = (byte) on;
        }
        return new EventBatch(ts, xs, ys, ps, n);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
