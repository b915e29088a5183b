package io.snn4j.bench.conformance;

import static io.snn4j.bench.conformance.ConformanceCase.bool;
import static io.snn4j.bench.conformance.ConformanceCase.map;
import static io.snn4j.bench.conformance.ConformanceCase.number;
import static io.snn4j.bench.conformance.ConformanceCase.string;

import java.util.Map;

import io.snn4j.neurons.Leaky;
import io.snn4j.neurons.LifConfig;
import io.snn4j.neurons.LmhConfig;
import io.snn4j.neurons.MpePsnConfig;
import io.snn4j.neurons.Plif;
import io.snn4j.neurons.ResetMode;
import io.snn4j.neurons.surrogate.ArctanSurrogate;
import io.snn4j.neurons.surrogate.RectangleSurrogate;
import io.snn4j.neurons.surrogate.SigmoidSurrogate;
import io.snn4j.neurons.surrogate.Surrogate;
import io.snn4j.neurons.surrogate.TriangleSurrogate;

/** Builds library configurations from the JSON specs of FORMAT.md. */
final class Specs {
    private Specs() {
    }

    static Surrogate surrogate(Map<String, Object> s) {
        String type = string(s, "type");
        return switch (type) {
            case "triangle" -> new TriangleSurrogate(number(s, "gamma", 1.0));
            case "atan" -> new ArctanSurrogate(number(s, "alpha", 2.0));
            case "rectangle" -> new RectangleSurrogate(number(s, "width", 1.0));
            case "sigmoid" -> new SigmoidSurrogate(number(s, "alpha", 4.0));
            default -> throw new UnsupportedOperationException("surrogate type '" + type + "'");
        };
    }

    static ResetMode reset(Map<String, Object> n) {
        String reset = string(n, "reset");
        return switch (reset) {
            case "hard" -> ResetMode.HARD;
            case "soft" -> ResetMode.SOFT;
            default -> throw new UnsupportedOperationException("reset '" + reset + "'");
        };
    }

    static LifConfig lif(Map<String, Object> n) {
        return LifConfig.builder()
                .decay(number(n, "decay"))
                .gain(number(n, "gain", 1.0))
                .threshold(number(n, "threshold", 1.0))
                .resetMode(reset(n))
                .detachReset(bool(n, "detachReset", false))
                .surrogate(surrogate(map(n, "surrogate")))
                .build();
    }

    /** PLIF (FORMAT.md {@code plif}); the initial τ is irrelevant: the case sets w. */
    static Plif.Config plif(Map<String, Object> n) {
        return new Plif.Config(2.0, bool(n, "decayInput", true), number(n, "threshold", 1.0), reset(n),
                bool(n, "detachReset", false), surrogate(map(n, "surrogate")));
    }

    /** snnTorch Leaky (FORMAT.md {@code leaky}) with β learnable, starting at {@code beta}. */
    static Leaky.Config leaky(Map<String, Object> n, double beta) {
        return new Leaky.Config(beta, true, number(n, "threshold", 1.0), bool(n, "detachReset", true),
                surrogate(map(n, "surrogate")));
    }

    static LmhConfig lmh(Map<String, Object> n) {
        return new LmhConfig(number(n, "threshold", 1.0), surrogate(map(n, "surrogate")));
    }

    static MpePsnConfig mpePsn(Map<String, Object> n) {
        return MpePsnConfig.standard().withTau(number(n, "tau", 0.25)).withSurrogate(surrogate(map(n, "surrogate")));
    }
}
