package io.snn4j.bench.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code snn.jar}: {@code java -jar snn-bench/target/snn.jar <command> [args]}.
 */
public final class SnnCli {
    private SnnCli() {
    }

    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        m.put("train", TrainCommand::run);
        m.put("conformance", ConformanceCommand::run);
        m.put("events", EventsCommand::run);
        m.put("bench", SnnCli::bench);
        m.put("jmh", JmhCommand::run);
        return m;
    }

    private static final String USAGE = String.join("\n",
            "usage: java -jar snn.jar <command> [args]",
            "commands:",
            "  train [options]                           train an SNN on Fashion-MNIST/MNIST (train --help for options)",
            "  conformance DIR [--dtype float|double]   run golden conformance cases (FORMAT.md runner contract)",
            "  events FILE                               summary of an event recording (N-MNIST .bin, AEDAT 2.0/3.1/4.0)",
            "  bench neuron --type lif|lmh|mpe-psn --T 8 --N 1048576 [--reps R] [--warmup W] [--parallel]",
            "                                            quick timing of a fused neuron kernel (median ms)",
            "  jmh [JMH options] [regex]                 run the JMH benchmarks (jmh -l lists them)",
            "  help                                      this text");

    private static int bench(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || !args[0].equals("neuron")) {
            err.println("usage: bench neuron --type lif|lmh|mpe-psn --T 8 --N 1048576");
            return 2;
        }
        return BenchNeuronCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands().get(args[0]);
        if (c == null) {
            err.println("unknown command '" + args[0] + "'");
            err.println(USAGE);
            return 2;
        }
        try {
            return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (Exception e) {
            err.println(args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }
}
