package io.snn4j.data.events;

import io.snn4j.data.CorruptDataException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The DVS128 Gesture per-recording label CSV ({@code class,startTime_usec,endTime_usec}, classes
 * 1..11, Amir et al. 2017); each row selects the events with start &lt;= t &lt; end, as SpikingJelly does.
 */
public final class GestureLabels {
    /** Number of gesture classes. */
    public static final int CLASSES = 11;

    /** One labelled slice: zero-based class label, [startUs, endUs). */
    public record Segment(int label, long startUs, long endUs) {
    }

    private GestureLabels() {
    }

    /**
     * Reads a label CSV. A first line that is not numeric is taken as the column header.
     *
     * @throws CorruptDataException naming the file, byte offset and bad line
     */
    public static List<Segment> read(Path csv) throws IOException {
        List<Segment> out = new ArrayList<>();
        long offset = 0;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                long lineOffset = offset;
                offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
                lineNo++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] f = s.split(",");
                if (lineNo == 1 && !f[0].strip().matches("-?\\d+")) {
                    continue;
                }
                try {
                    if (f.length != 3) {
                        throw new NumberFormatException("3 fields");
                    }
                    int cls = Integer.parseInt(f[0].strip());
                    long start = Long.parseLong(f[1].strip());
                    long end = Long.parseLong(f[2].strip());
                    if (cls < 1 || cls > CLASSES || end < start) {
                        throw new NumberFormatException("range");
                    }
                    out.add(new Segment(cls - 1, start, end));
                } catch (NumberFormatException e) {
                    throw new CorruptDataException(csv.toString(), lineOffset,
                            "a line \"class,startTime_usec,endTime_usec\" with class in 1.." + CLASSES + " and end >= start",
                            "\"" + s + "\" (line " + lineNo + ")");
                }
            }
        }
        return out;
    }
}
