package io.snn4j.bench.cli;

import java.io.PrintStream;

/**
 * {@code jmh [JMH options] [benchmark regex]}: runs the JMH benchmarks compiled into snn.jar
 * (e.g. {@code jmh LifKernelBenchmark -p T=8 -p N=1048576}); {@code jmh -l} lists them.
 */
public final class JmhCommand {
    private JmhCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        org.openjdk.jmh.Main.main(args);
        return 0;
    }
}
