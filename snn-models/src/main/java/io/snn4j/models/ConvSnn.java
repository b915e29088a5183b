package io.snn4j.models;

import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.AvgPool2d;
import io.snn4j.core.nn.Conv2d;
import io.snn4j.core.nn.MaxPool2d;
import io.snn4j.core.nn.Module;
import io.snn4j.core.nn.Sequential;
import io.snn4j.core.nn.TimeFolded;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A plain convolutional SNN written in the papers' layer notation, e.g. SNN-5 of TET (Deng et al.
 * ICLR 2022, §5.2) {@code "16C3-64C5-AP2-128C5-AP2-256C5-AP2-512C3-AP2-FC"}: {@code nCk} is a k×k
 * convolution to n channels (stride 1, "same" padding, bias) + BN + neuron; {@code APk}/{@code MPk}
 * average/max pooling k×k with stride k (odd sizes round down); a final {@code FC} is the per-step {@code Linear(→ K)}.
 * Input {@code [T, B, C, S, S]}, output {@code [T, B, K]}. With {@link ModelOptions#tebn()} the BN is TEBN.
 */
public final class ConvSnn extends Module {
    private final int tebnTimeSteps;
    /** TET's SNN-5. */
    public static final String SNN5 = "16C3-64C5-AP2-128C5-AP2-256C5-AP2-512C3-AP2-FC";
    /** A small net that trains on 28×28 images in minutes on a laptop CPU (the CLI's default). */
    public static final String SMALL = "16C3-AP2-32C3-AP2-FC";

    private static final Pattern CONV = Pattern.compile("(\\d+)C(\\d+)");
    private static final Pattern POOL = Pattern.compile("(AP|MP)(\\d+)");

    private final Sequential features;
    private final Module classifier;
    private final Conv2d first;
    private final String spec;

    public ConvSnn(String spec, ModelOptions o) {
        this.spec = spec;
        String[] tokens = spec.toUpperCase(Locale.ROOT).split("-");
        if (tokens.length < 2 || !tokens[tokens.length - 1].equals("FC")) {
            throw new IllegalArgumentException("ConvSnn: spec '" + spec + "' must end with FC");
        }
        tebnTimeSteps = o.tebnTimeSteps();
        DataType type = o.dataType();
        RandomGenerator rng = o.newRandom();
        features = registerModule("features", new Sequential());
        long size = o.inputSize();
        int channels = o.inChannels();
        Conv2d firstConv = null;
        for (int i = 0; i < tokens.length - 1; i++) {
            String t = tokens[i];
            Matcher c = CONV.matcher(t);
            Matcher p = POOL.matcher(t);
            if (c.matches()) {
                int out = Integer.parseInt(c.group(1));
                int k = Integer.parseInt(c.group(2));
                if (k % 2 == 0) {
                    throw new IllegalArgumentException("ConvSnn: '" + t + "' needs an odd kernel for same padding");
                }
                Conv2d conv = new Conv2d(channels, out, k, 1, k / 2, true, type, rng);
                firstConv = firstConv == null ? conv : firstConv;
                features.add(new TimeFolded(conv, Norm.create(o, out).module()));
                features.add(o.neurons().create(out, size, size));
                channels = out;
            } else if (p.matches()) {
                int k = Integer.parseInt(p.group(2));
                if (size < k) {
                    throw new IllegalArgumentException("ConvSnn: '" + t + "' is larger than the feature size " + size);
                }
                features.add(new TimeFolded(p.group(1).equals("AP") ? new AvgPool2d(k) : new MaxPool2d(k)));
                size = (size - k) / k + 1;   // floor, as PyTorch
            } else {
                throw new IllegalArgumentException("ConvSnn: unknown layer '" + t + "' in '" + spec
                        + "' (expected nCk, APk, MPk or a final FC)");
            }
        }
        if (firstConv == null) {
            throw new IllegalArgumentException("ConvSnn: spec '" + spec + "' has no convolution");
        }
        first = firstConv;
        classifier = registerModule("classifier", o.head(Math.toIntExact(channels * size * size), rng));
    }

    public String spec() {
        return spec;
    }

    @Override
    public Tensor forward(Tensor x) {
        ModelChecks.timeFirstImages("ConvSnn(" + spec + ")", x, first, tebnTimeSteps);
        return classifier.forward(features.forward(x).flatten(2));
    }
}
