package io.snn4j.bench.cli;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.events.EventBatch;
import io.snn4j.data.events.EventFormat;
import io.snn4j.data.events.EventReader;
import io.snn4j.data.events.EventReaders;
import io.snn4j.data.events.NMnistBinReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code snn events FILE}: streams an event recording (N-MNIST/N-Caltech101 .bin, AEDAT 2.0, 3.1,
 * 4.0) and prints its format, resolution, event, ON and OFF counts, first/last timestamp and span (µs).
 */
public final class EventsCommand {
    private EventsCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after the word {@code events}: exactly one FILE
     * @return 0 on success, 2 on a usage error, 1 when the file cannot be read or is corrupt
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].equals("-h") || args[0].equals("--help")) {
            err.println("usage: snn events FILE   (N-MNIST/N-Caltech101 .bin, AEDAT 2.0, 3.1 or 4.0)");
            return 2;
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            err.println("events: no such file: " + file);
            return 1;
        }
        try {
            EventFormat format = EventFormat.detect(file);
            Summary s;
            if (format == EventFormat.NMNIST_BIN) {
                // .bin files carry no resolution: read within 256 x 256, then name the dataset's sensor
                try (EventReader r = new NMnistBinReader(file, 256, 256)) {
                    s = Summary.of(r);
                }
                if (s.maxX < NMnistBinReader.NMNIST_SIZE && s.maxY < NMnistBinReader.NMNIST_SIZE) {
                    s.width = NMnistBinReader.NMNIST_SIZE;
                    s.height = NMnistBinReader.NMNIST_SIZE;
                } else if (s.maxX < NMnistBinReader.NCALTECH_WIDTH && s.maxY < NMnistBinReader.NCALTECH_HEIGHT) {
                    s.width = NMnistBinReader.NCALTECH_WIDTH;
                    s.height = NMnistBinReader.NCALTECH_HEIGHT;
                } else {
                    s.width = s.maxX + 1;
                    s.height = s.maxY + 1;
                }
            } else {
                try (EventReader r = EventReaders.open(file, format)) {
                    s = Summary.of(r);
                }
            }
            out.println("format " + format.displayName());
            out.println("resolution " + s.width + "x" + s.height);
            out.println("events " + s.count);
            out.println("on " + s.on);
            out.println("off " + s.off);
            if (s.count > 0) {
                out.println("first_us " + s.first);
                out.println("last_us " + s.last);
                out.println("span_us " + (s.last - s.first));
            }
            return 0;
        } catch (CorruptDataException | IllegalArgumentException | UnsupportedOperationException e) {
            err.println("events: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("events: cannot read " + file + ": " + e);
            return 1;
        }
    }

    private static final class Summary {
        int width;
        int height;
        long count;
        long on;
        long off;
        long first;
        long last;
        int maxX = -1;
        int maxY = -1;

        static Summary of(EventReader r) throws IOException {
            Summary s = new Summary();
            s.width = r.width();
            s.height = r.height();
            EventBatch b;
            while ((b = r.nextBatch()) != null) {
                long[] t = b.t();
                byte[] p = b.p();
                int[] x = b.x();
                int[] y = b.y();
                for (int i = 0; i < b.size(); i++) {
                    if (s.count == 0) {
                        s.first = t[i];
                    }
                    s.last = t[i];
                    s.count++;
                    if (p[i] != 0) {
                        s.on++;
                    } else {
                        s.off++;
                    }
                    s.maxX = Math.max(s.maxX, x[i]);
                    s.maxY = Math.max(s.maxY, y[i]);
                }
            }
            return s;
        }
    }
}
