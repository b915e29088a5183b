package io.snn4j.bench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;

import io.snn4j.data.Split;
import io.snn4j.data.idx.FashionMnist;
import org.junit.jupiter.api.Test;

class ExperimentScaleTest {
    private static final ExperimentScale DEFAULTS = new ExperimentScale(6000, 2000, 2, 3, 32, 4, "small", 1e-3,
            Path.of("target/experiments"), false);

    @Test
    void systemPropertiesOverrideTheExperimentsDefaults() {
        Properties p = new Properties();
        p.setProperty("experiment.trainSubset", "0");
        p.setProperty("experiment.epochs", "7");
        p.setProperty("experiment.model", "snn5");
        p.setProperty("experiment.lr", "0.01");
        p.setProperty("experiment.results", "/tmp/x");
        ExperimentScale s = DEFAULTS.withOverrides(p);
        assertEquals(0, s.trainSubset());
        assertEquals(2000, s.testSubset());
        assertEquals(7, s.epochs());
        assertEquals(3, s.seeds());
        assertEquals("snn5", s.model());
        assertEquals(0.01, s.lr());
        assertEquals(Path.of("/tmp/x"), s.results());
        assertFalse(s.smoke());
        assertTrue(s.describe().contains("train full split"), s.describe());
    }

    @Test
    void smokeShrinksToAPlumbingCheckThatSaysSo() {
        Properties p = new Properties();
        p.setProperty("experiment.smoke", "true");
        p.setProperty("experiment.timeSteps", "2");
        ExperimentScale s = DEFAULTS.withOverrides(p);
        assertEquals(300, s.trainSubset());
        assertEquals(1, s.epochs());
        assertEquals(1, s.seeds());
        assertEquals(2, s.timeSteps());
        assertTrue(s.smoke());
        assertTrue(s.describe().contains("SMOKE RUN"), s.describe());
    }

    @Test
    void badValuesAreRejectedNamingTheProperty() {
        Properties p = new Properties();
        p.setProperty("experiment.epochs", "two");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withOverrides(p));
        assertTrue(e.getMessage().contains("experiment.epochs"), e.getMessage());
        p.setProperty("experiment.epochs", "0");
        e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withOverrides(p));
        assertTrue(e.getMessage().contains("experiment.epochs must be > 0"), e.getMessage());
    }

    @Test
    void subsetTakesTheFirstImagesAndChecksItsBounds() throws Exception {
        var full = FashionMnist.embeddedSubset(Split.TEST);
        var sub = ExperimentData.subset(full, 10);
        assertEquals(10, sub.size());
        assertEquals(full.numClasses(), sub.numClasses());
        assertEquals(full.get(9).label(), sub.get(9).label());
        assertThrows(IndexOutOfBoundsException.class, () -> sub.get(10));
        assertTrue(ExperimentData.subset(full, 0) == full, "0 = all");
        assertThrows(IllegalArgumentException.class, () -> ExperimentData.subset(full, -1));
    }
}
