package io.snn4j.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.snn4j.bench.conformance.CaseContext;
import io.snn4j.bench.conformance.ConformanceRunner;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conformance DIR [--dtype float|double]}: runs the golden cases of a directory (runner contract of
 * FORMAT.md: one line per failing case, then {@code N passed, M failed}; exit 0 only when nothing failed).
 * A directory that does not exist or holds no case is bad input (exit 2).
 */
@Command(name = "conformance", description = "Runs the golden conformance cases (*.json) of DIR (runner contract of "
        + "conformance/FORMAT.md); closes with 'N passed, M failed'; exit 0 only when nothing failed.")
final class ConformanceCommand extends CliCommand {
    /** Precision the cases run in. */
    enum Precision {
        FLOAT(DataType.FLOAT), DOUBLE(DataType.DOUBLE);

        final DataType type;

        Precision(DataType type) {
            this.type = type;
        }
    }

    @Parameters(paramLabel = "DIR", description = "directory of cases")
    Path dir;

    @Option(names = "--dtype", paramLabel = "float|double", defaultValue = "float",
            description = "precision to run in (default: ${DEFAULT-VALUE})")
    Precision precision;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no such directory: " + dir);
        }
        List<ConformanceRunner.Outcome> outcomes =
                ConformanceRunner.standard(new CaseContext(precision.type)).runDirectory(dir);
        if (outcomes.isEmpty()) {
            throw new UsageException("no conformance cases (*.json) in " + dir);
        }
        return ConformanceRunner.report(outcomes, out());
    }
}
