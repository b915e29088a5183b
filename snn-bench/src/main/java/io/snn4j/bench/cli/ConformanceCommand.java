package io.snn4j.bench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.snn4j.bench.conformance.CaseContext;
import io.snn4j.bench.conformance.ConformanceRunner;
import org.nd4j.linalg.api.buffer.DataType;

/** {@code conformance DIR [--dtype float|double]}: runs the golden cases (runner contract of FORMAT.md). */
public final class ConformanceCommand {
    private ConformanceCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path dir = null;
        DataType type = DataType.FLOAT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dtype" -> {
                    if (i + 1 >= args.length) {
                        err.println("--dtype needs a value: float or double");
                        return 2;
                    }
                    String v = args[++i];
                    if (v.equalsIgnoreCase("float")) {
                        type = DataType.FLOAT;
                    } else if (v.equalsIgnoreCase("double")) {
                        type = DataType.DOUBLE;
                    } else {
                        err.println("--dtype must be float or double, got " + v);
                        return 2;
                    }
                }
                default -> {
                    if (dir != null) {
                        err.println("unexpected argument: " + args[i]);
                        return 2;
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            err.println("usage: conformance DIR [--dtype float|double]");
            return 2;
        }
        List<ConformanceRunner.Outcome> outcomes = ConformanceRunner.standard(new CaseContext(type)).runDirectory(dir);
        return ConformanceRunner.report(outcomes, out);
    }
}
