package io.snn4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SnnCliTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = SnnCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownCommandIsRejectedWithUsage() {
        Run r = run("teleport");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown command 'teleport'"));
        assertTrue(r.err().contains("conformance DIR"));
    }

    @Test
    void eventsSummarisesTheRealNmnistSample() {
        Path sample = Path.of("../snn-data/src/test/resources/nmnist-sample.bin");
        Run r = run("events", sample.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("events 4325"), r.out());
        assertTrue(r.out().contains("on 2145"), r.out());
        assertTrue(r.out().contains("off 2180"), r.out());
        assertTrue(r.out().contains("first_us 654"), r.out());
        assertTrue(r.out().contains("last_us 311175"), r.out());
    }

    @Test
    void eventsOnAFileOfNoKnownFormatFailsNamingTheFile() throws Exception {
        Path f = Files.createTempFile("not-events", ".dat");
        Files.writeString(f, "hello");
        Run r = run("events", f.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(f.getFileName().toString()), r.err());
        Files.delete(f);
    }
}
