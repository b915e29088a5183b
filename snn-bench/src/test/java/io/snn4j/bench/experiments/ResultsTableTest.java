package io.snn4j.bench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.snn4j.bench.experiments.ResultsTable.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    @Test
    void meanAndSampleStandardDeviationOverSeeds() {
        assertEquals(2.0, ResultsTable.mean(List.of(1.0, 2.0, 3.0)), 1e-12);
        assertEquals(1.0, ResultsTable.std(List.of(1.0, 2.0, 3.0)), 1e-12, "n - 1 in the denominator");
        assertEquals(0.0, ResultsTable.std(List.of(5.0)));
        assertTrue(Double.isNaN(ResultsTable.mean(List.of())));
    }

    @Test
    void markdownShowsMeanPlusMinusStdPerCellInDeclarationOrder() {
        ResultsTable t = new ResultsTable("demo").column("acc", Format.PERCENT).column("time", Format.SECONDS);
        t.add("TET", "acc", 0.80);
        t.add("TET", "acc", 0.90);
        t.add("TET", "time", 10.0);
        t.add("SDT", "acc", 0.5);
        t.note("scale: tiny");
        String md = t.toMarkdown();
        assertTrue(md.contains("| configuration | acc | time |"), md);
        assertTrue(md.contains("| TET | 85.00 ± 7.07 % (n=2) | 10.0 ± 0.0 s (n=1) |"), md);
        assertTrue(md.contains("| SDT | 50.00 ± 0.00 % (n=1) | — |"), md);
        assertTrue(md.indexOf("| TET |") < md.indexOf("| SDT |"), "rows in insertion order");
        assertTrue(md.contains("- scale: tiny"), md);
    }

    @Test
    void unknownColumnAndOutOfRangeFractionsAreRejectedNamingTheCell() {
        ResultsTable t = new ResultsTable("demo").column("acc", Format.PERCENT).column("loss", Format.NUMBER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.add("r", "accuracy", 1));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("acc"), e.getMessage());
        t.add("r", "loss", 3.5);
        t.checkFractions();
        t.add("r", "acc", 1.5);
        IllegalStateException s = assertThrows(IllegalStateException.class, t::checkFractions);
        assertTrue(s.getMessage().contains("r / acc = 1.5"), s.getMessage());
        ResultsTable n = new ResultsTable("nan").column("loss", Format.NUMBER);
        n.add("r", "loss", Double.NaN);
        assertThrows(IllegalStateException.class, n::checkFractions);
    }

    @Test
    void writesMarkdownAndRawCsvWithoutLeftoverTempFiles(@TempDir Path dir) throws IOException {
        ResultsTable t = new ResultsTable("demo").column("acc", Format.PERCENT);
        t.add("a, b", "acc", 0.25);
        t.add("a, b", "acc", 0.75);
        t.writeTo(dir.resolve("out"));
        assertTrue(Files.readString(dir.resolve("out/results.md")).contains("50.00 ± 35.36 %"));
        assertEquals(List.of("configuration,column,index,value", "\"a, b\",acc,0,0.25", "\"a, b\",acc,1,0.75"),
                Files.readAllLines(dir.resolve("out/results.csv")));
        try (var files = Files.list(dir.resolve("out"))) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")));
        }
    }
}
