package io.snn4j.bench.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An experiment's results: one row per configuration, one column per measured quantity, one value per seed;
 * written as a markdown table of mean ± sample standard deviation over the seeds ({@code results.md}) and the raw
 * values ({@code results.csv}), both replaced atomically.
 */
public final class ResultsTable {
    /** How a column's values are shown. */
    public enum Format {
        /** A fraction shown in percent with two decimals. */
        PERCENT,
        /** Seconds with one decimal. */
        SECONDS,
        /** A plain number with four decimals. */
        NUMBER
    }

    private final String title;
    private final Map<String, Format> columns = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    public ResultsTable(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("ResultsTable: title must not be blank");
        }
        this.title = title;
    }

    /** Declares a column (columns appear in declaration order). */
    public ResultsTable column(String name, Format format) {
        if (name == null || format == null) {
            throw new IllegalArgumentException("ResultsTable: column name and format must not be null");
        }
        columns.put(name, format);
        return this;
    }

    /** A line printed under the table (scale, data source, caveats). */
    public ResultsTable note(String line) {
        notes.add(line);
        return this;
    }

    /** Records one seed's value of {@code column} for {@code row}. */
    public synchronized void add(String row, String column, double value) {
        if (!columns.containsKey(column)) {
            throw new IllegalArgumentException("ResultsTable '" + title + "': unknown column '" + column + "', declared: "
                    + columns.keySet());
        }
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(column, c -> new ArrayList<>()).add(value);
    }

    /** The values recorded for a cell (empty if none). */
    public List<Double> values(String row, String column) {
        return List.copyOf(rows.getOrDefault(row, Map.of()).getOrDefault(column, List.of()));
    }

    /** Seconds since this table was created (an experiment creates it when it starts). */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Checks that every value of a {@link Format#PERCENT} column is a fraction in [0, 1] and every value is
     * finite, naming the cell otherwise.
     */
    public void checkFractions() {
        rows.forEach((row, cols) -> cols.forEach((col, vals) -> {
            for (double v : vals) {
                boolean ok = Double.isFinite(v) && (columns.get(col) != Format.PERCENT || (v >= 0 && v <= 1));
                if (!ok) {
                    throw new IllegalStateException("ResultsTable '" + title + "': " + row + " / " + col + " = " + v
                            + (columns.get(col) == Format.PERCENT ? " is not a fraction in [0, 1]" : " is not finite"));
                }
            }
        }));
    }

    /** Mean of the values. */
    public static double mean(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.size();
    }

    /** Sample standard deviation (n − 1 in the denominator; 0 for a single value). */
    public static double std(List<Double> v) {
        if (v.size() < 2) {
            return 0.0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.size() - 1));
    }

    /** The markdown text: title, table of mean ± std (n), notes. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(title).append("\n\n| configuration |");
        for (String c : columns.keySet()) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---|".repeat(columns.size()));
        sb.append('\n');
        for (Map.Entry<String, Map<String, List<Double>>> r : rows.entrySet()) {
            sb.append("| ").append(r.getKey()).append(" |");
            for (Map.Entry<String, Format> c : columns.entrySet()) {
                List<Double> v = r.getValue().getOrDefault(c.getKey(), List.of());
                sb.append(' ').append(v.isEmpty() ? "—" : cell(v, c.getValue())).append(" |");
            }
            sb.append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code row,column,index,value} lines, one per recorded value. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("configuration,column,index,value\n");
        rows.forEach((row, cols) -> cols.forEach((col, vals) -> {
            for (int i = 0; i < vals.size(); i++) {
                sb.append(csv(row)).append(',').append(csv(col)).append(',').append(i).append(',')
                        .append(vals.get(i)).append('\n');
            }
        }));
        return sb.toString();
    }

    /** Writes {@code results.md} and {@code results.csv} into {@code dir} (created if needed), atomically. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        atomicWrite(dir.resolve("results.md"), toMarkdown());
        atomicWrite(dir.resolve("results.csv"), toCsv());
    }

    private static String cell(List<Double> v, Format f) {
        double m = mean(v);
        double s = std(v);
        String body = switch (f) {
            case PERCENT -> String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * m, 100 * s);
            case SECONDS -> String.format(Locale.ROOT, "%.1f ± %.1f s", m, s);
            case NUMBER -> String.format(Locale.ROOT, "%.4f ± %.4f", m, s);
        };
        return body + " (n=" + v.size() + ")";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static void atomicWrite(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
