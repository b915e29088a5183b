package io.snn4j.bench.cli;

import io.snn4j.data.events.EventBatch;
import io.snn4j.data.events.EventFormat;
import io.snn4j.data.events.EventReader;
import io.snn4j.data.events.EventReaders;
import io.snn4j.data.events.NMnistBinReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code snn events FILE}: streams an event recording (N-MNIST/N-Caltech101 .bin, AEDAT 2.0, 3.1,
 * 4.0) and prints its format, resolution, event, ON and OFF counts, first/last timestamp and span (µs).
 * A missing or empty file is bad input (exit 2); an unknown format, corrupt data or a recording without
 * events is a failure (exit 1).
 */
@Command(name = "events", description = "Summary of an event recording (N-MNIST/N-Caltech101 .bin, AEDAT 2.0, 3.1, "
        + "4.0): format, resolution, event and ON/OFF counts, first/last timestamp and span (us).")
final class EventsCommand extends CliCommand {
    @Parameters(paramLabel = "FILE", description = "the recording")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(Files.isDirectory(file) ? file + " is a directory, not a recording"
                    : Files.exists(file) ? file + " is not a regular file" : "no such file: " + file);
        }
        if (Files.size(file) == 0) {
            throw new UsageException(file + " is empty (0 bytes)");
        }
        PrintStream out = out();
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
        if (s.count == 0) {
            err().println(spec.qualifiedName(" ") + ": " + file + " holds no events");
            return SnnCli.EXIT_FAILURE;
        }
        out.println("first_us " + s.first);
        out.println("last_us " + s.last);
        out.println("span_us " + (s.last - s.first));
        return SnnCli.EXIT_OK;
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
