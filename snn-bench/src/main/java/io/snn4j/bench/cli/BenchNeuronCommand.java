package io.snn4j.bench.cli;


import java.io.PrintStream;

/**
 * {@code bench neuron --type lif|lmh|mpe-psn --T 8 --N 1048576 [--reps R] [--warmup W] [--parallel]}:
 * parses the options and runs {@link NeuronBench#measure} (the measurement, whose last two lines
 * are the layer on the tape: {@code forward_ms X}, {@code forward_backward_ms Y}).
 */
public final class BenchNeuronCommand {

    private BenchNeuronCommand() {
    }

    /** Returns the exit status (0 ok, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String type = "lif";
        int steps = 8;
        int n = 1 << 20;
        int reps = 10;
        int warmup = 5;
        boolean parallel = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--type" -> type = args[++i];
                    case "--T" -> steps = Integer.parseInt(args[++i]);
                    case "--N" -> n = Integer.parseInt(args[++i]);
                    case "--reps" -> reps = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--parallel" -> parallel = true;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (!type.equals("lif") && !type.equals("lmh") && !type.equals("mpe-psn")) {
                throw new IllegalArgumentException("--type must be lif, lmh or mpe-psn, got " + type);
            }
            if (steps <= 0 || n <= 0 || reps <= 0 || warmup < 0) {
                throw new IllegalArgumentException("--T, --N, --reps must be positive, --warmup >= 0");
            }
            if ((long) steps * n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("T·N = " + (long) steps * n + " is too large");
            }
        } catch (RuntimeException e) {
            err.println("bench neuron: " + e.getMessage());
            err.println("usage: bench neuron --type lif|lmh|mpe-psn --T 8 --N 1048576 [--reps R] "
                    + "[--warmup W] [--parallel]");
            return 2;
        }
        return NeuronBench.measure(type, steps, n, reps, warmup, parallel, out);
    }
}
