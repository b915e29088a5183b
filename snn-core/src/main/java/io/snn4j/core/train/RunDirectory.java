package io.snn4j.core.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.snn4j.core.io.Checkpoint;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * A run directory (default {@code runs/NAME}), written as the run goes and enough to resume it:
 * <ul>
 *   <li>{@value #CONFIG}: the full configuration ({@link TrainerConfig#describe()} with the application's
 *       {@code recipe}), objective, optimizer and model summary, as JSON;</li>
 *   <li>{@value #METRICS}: one row per completed epoch under a header row (epoch, stage, T, lr, train_loss,
 *       train_acc, test_loss, test_acc, test_acc_mean, test_acc_last, test_acc_t1…, listener columns);</li>
 *   <li>{@value #LAST_CHECKPOINT} after every epoch and {@value #BEST_CHECKPOINT} after the epoch of best test
 *       accuracy ({@link Checkpoint}, written atomically);</li>
 *   <li>{@value #CHART}: loss and accuracy curves (JFreeChart, rendered headless).</li>
 * </ul>
 * Every file is replaced atomically, the CSV before the checkpoint, so a run killed at any point leaves a
 * consistent directory. Added to a {@link Trainer} by {@code builder.runDirectory(dir)}.
 */
public final class RunDirectory implements TrainingListener {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String LAST_CHECKPOINT = "last.ckpt";
    public static final String BEST_CHECKPOINT = "best.ckpt";
    public static final String CHART = "curves.png";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    @Override
    public void onTrainingStart(TrainingContext ctx) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "snn4j-run");
        root.put("trainer", ctx.config().describe());
        root.put("objective", ctx.objective().name());
        root.put("optimizer", ctx.optimizer() == null ? null : ctx.optimizer().toString());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("class", ctx.model().getClass().getName());
        model.put("parameters", ctx.model().parameterCount());
        root.put("model", model);
        try {
            Trainer.writeAtomically(dir.resolve(CONFIG), JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CONFIG), e);
        }
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, Metrics metrics) {
        writeMetrics(dir.resolve(METRICS), ctx.history());
        writeChart(dir.resolve(CHART), ctx.history());
        Checkpoint ck = ctx.checkpoint();
        try {
            ck.save(dir.resolve(LAST_CHECKPOINT));
            if (ctx.bestEpoch() == ctx.epoch() + 1) {
                ck.save(dir.resolve(BEST_CHECKPOINT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a checkpoint in " + dir, e);
        }
    }

    // ---------------------------------------------------------------- reading

    /** The parsed {@value #CONFIG} of a run directory. */
    public static Map<String, Object> readConfig(Path dir) throws IOException {
        Path f = dir.resolve(CONFIG);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + " is not a run directory: it has no " + CONFIG);
        }
        try {
            return JSON.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IOException(f + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The application's recipe strings recorded in the run directory's {@value #CONFIG}. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> readRecipe(Path dir) throws IOException {
        Object trainer = readConfig(dir).get("trainer");
        Object recipe = trainer instanceof Map<?, ?> t ? t.get("recipe") : null;
        Map<String, String> out = new LinkedHashMap<>();
        if (recipe instanceof Map<?, ?> r) {
            ((Map<String, Object>) r).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    /** The rows of {@value #METRICS} (empty when there is none yet); empty cells are left out. */
    public static List<Map<String, Double>> readMetrics(Path dir) throws IOException {
        Path f = dir.resolve(METRICS);
        List<Map<String, Double>> rows = new ArrayList<>();
        if (!Files.exists(f)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(f + " line " + (i + 1) + ": " + cells.length + " cells but the header has "
                        + header.length);
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    try {
                        row.put(header[c], Double.parseDouble(cells[c]));
                    } catch (NumberFormatException e) {
                        throw new IOException(f + " line " + (i + 1) + ", column " + header[c] + ": not a number: '"
                                + cells[c] + "'", e);
                    }
                }
            }
            rows.add(row);
        }
        return rows;
    }

    // ---------------------------------------------------------------- writing

    /** Writes the rows under a header that is the union of their columns in first-seen order. */
    static void writeMetrics(Path file, List<Map<String, Double>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Double> r : rows) {
            boolean first = true;
            for (String c : columns) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                Double v = r.get(c);
                if (v != null) {
                    sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : Double.toString(v));
                }
            }
            sb.append('\n');
        }
        Trainer.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Renders loss (top) and accuracy (bottom) against the epoch as a PNG. */
    static void writeChart(Path file, List<Map<String, Double>> rows) {
        XYSeriesCollection losses = series(rows, "train_loss", "test_loss");
        XYSeriesCollection accs = series(rows, "train_acc", "test_acc");
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setAutoRangeIncludesZero(false);
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.add(subplot(losses, "loss"), 1);
        plot.add(subplot(accs, "accuracy"), 1);
        JFreeChart chart = new JFreeChart("loss and accuracy", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 900, 640);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file, e);
        }
        Trainer.writeAtomically(file, out.toByteArray());
    }

    private static XYSeriesCollection series(List<Map<String, Double>> rows, String... names) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (String n : names) {
            XYSeries s = new XYSeries(n);
            for (Map<String, Double> r : rows) {
                Double e = r.get("epoch");
                Double v = r.get(n);
                if (e != null && v != null && Double.isFinite(v)) {
                    s.add(e, v);
                }
            }
            if (s.getItemCount() > 0) {
                c.addSeries(s);
            }
        }
        return c;
    }

    private static XYPlot subplot(XYSeriesCollection data, String label) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, data.getSeriesKey(i).toString().startsWith("train") ? new Color(31, 119, 180)
                    : new Color(214, 39, 40));
        }
        XYPlot p = new XYPlot(data, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RunDirectory(%s)", dir);
    }
}
