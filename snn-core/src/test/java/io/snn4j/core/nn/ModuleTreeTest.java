package io.snn4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModuleTreeTest {
    static Sequential net(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new TimeFolded(new Conv2d(2, 4, 3, 1, 1, true, DataType.FLOAT, rng), new BatchNorm2d(4, DataType.FLOAT)),
                new Flatten(2), new Linear(4 * 6 * 6, 3, true, DataType.FLOAT, rng));
    }

    @Test
    void parametersAndBuffersHaveDottedPathsInRegistrationOrder() {
        Sequential n = net(1);
        assertEquals(List.of("0.module.0.weight", "0.module.0.bias", "0.module.1.gamma", "0.module.1.beta", "2.weight", "2.bias"),
                List.copyOf(n.namedParameters().keySet()));
        assertEquals(List.of("0.module.1.runningMean", "0.module.1.runningVar"), List.copyOf(n.namedBuffers().keySet()));
        assertEquals(2 * 4 * 9 + 4 + 4 + 4 + 144 * 3 + 3, n.parameterCount());
    }

    @Test
    void stateDictRoundTripsIntoAFreshModel() {
        Sequential a = net(1);
        Sequential b = net(2);
        assertFalse(a.namedParameters().get("2.weight").value().equals(b.namedParameters().get("2.weight").value()));
        b.loadStateDict(a.stateDict(), true);
        for (Map.Entry<String, INDArray> e : a.stateDict().entrySet()) {
            assertEquals(e.getValue(), b.stateDict().get(e.getKey()), e.getKey());
        }
    }

    @Test
    void loadingAnotherShapeNamesTheEntryAndBothShapesAndChangesNothing() {
        Sequential a = net(1);
        SplittableRandom rng = new SplittableRandom(3);
        Sequential other = new Sequential(new TimeFolded(new Conv2d(2, 4, 3, 1, 1, true, DataType.FLOAT, rng),
                new BatchNorm2d(4, DataType.FLOAT)), new Flatten(2), new Linear(4 * 6 * 6, 5, true, DataType.FLOAT, rng));
        INDArray before = a.namedParameters().get("0.module.0.weight").value().dup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(other.stateDict(), true));
        assertTrue(e.getMessage().contains("2.weight") && e.getMessage().contains("[5, 144]") && e.getMessage().contains("[3, 144]"),
                e.getMessage());
        assertEquals(before, a.namedParameters().get("0.module.0.weight").value(), "nothing may be loaded on failure");
    }

    @Test
    void strictLoadingReportsMissingAndUnexpectedKeys() {
        Sequential a = net(1);
        Map<String, INDArray> sd = new java.util.LinkedHashMap<>(a.stateDict());
        sd.remove("2.bias");
        sd.put("3.weight", sd.get("2.weight"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(sd, true));
        assertTrue(e.getMessage().contains("missing [2.bias]") && e.getMessage().contains("unexpected [3.weight]"), e.getMessage());
    }

    @Test
    void evalAndFreezeApplyToTheWholeTree() {
        Sequential a = net(1);
        a.eval();
        a.namedModules().values().forEach(m -> assertFalse(m.isTraining(), m.toString()));
        a.setFrozen(true);
        a.parameters().forEach(p -> assertFalse(p.requiresGrad()));
        assertFalse(a.namedParameters().get("0.module.1.gamma").weightDecay());
        assertTrue(a.namedParameters().get("2.weight").weightDecay());
    }

    @Test
    void summaryListsEveryModuleWithItsParametersAndTheTotal() {
        String s = net(1).summary();
        assertTrue(s.contains("2: Linear") && s.contains("weight[3, 144]") && s.contains("= 435"), s);
        assertTrue(s.contains("0.module.1: BatchNorm2d") && s.contains("gamma[4]"), s);
        assertTrue(s.endsWith("total trainable parameters: " + net(1).parameterCount()), s);
    }
}
