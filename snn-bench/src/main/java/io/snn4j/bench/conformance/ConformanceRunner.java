package io.snn4j.bench.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runner contract of {@code conformance/FORMAT.md}: runs every {@code *.json} case in a
 * directory, prints one line per failing case naming the case and its first mismatching field,
 * and closes with {@code N passed, M failed}. Kinds or types it does not support count as failed.
 */
public final class ConformanceRunner {
    private final Map<String, CaseHandler> handlers;
    private final CaseContext context;

    public ConformanceRunner(Map<String, CaseHandler> handlers, CaseContext context) {
        this.handlers = Map.copyOf(handlers);
        this.context = context;
    }

    /** The handlers for every kind this library implements. */
    public static ConformanceRunner standard(CaseContext context) {
        return new ConformanceRunner(Map.of(
                "surrogate", new SurrogateCases(),
                "neuron", new NeuronCases(),
                "loss", new LossCases(),
                "network", new NetworkCases(),
                "model", new ModelCases(),
                "training", new TrainingCases()), context);
    }

    /** Outcome of one case. */
    public record Outcome(String file, String id, Optional<String> failure) {
    }

    public List<Outcome> runDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Outcome> out = new ArrayList<>();
        for (Path f : files) {
            out.add(runFile(f));
        }
        return out;
    }

    public Outcome runFile(Path f) {
        String name = f.getFileName().toString();
        ConformanceCase c;
        try {
            c = ConformanceCase.read(f);
        } catch (IOException | RuntimeException e) {
            return new Outcome(name, name, Optional.of("unreadable case: " + e.getMessage()));
        }
        CaseHandler h = handlers.get(c.kind());
        if (h == null) {
            return new Outcome(name, c.id(), Optional.of("kind '" + c.kind() + "' is not supported"));
        }
        try {
            return new Outcome(name, c.id(), h.run(c, context));
        } catch (UnsupportedOperationException e) {
            return new Outcome(name, c.id(), Optional.of("not supported: " + e.getMessage()));
        } catch (Exception | Error e) {
            return new Outcome(name, c.id(), Optional.of("error: " + e));
        }
    }

    /** Prints failures and the closing line; returns the process exit status (0 only if nothing failed). */
    public static int report(List<Outcome> outcomes, PrintStream out) {
        int passed = 0;
        int failed = 0;
        for (Outcome o : outcomes) {
            if (o.failure().isPresent()) {
                failed++;
                out.println("FAIL " + o.id() + " (" + o.file() + "): " + o.failure().get());
            } else {
                passed++;
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
