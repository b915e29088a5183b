package io.snn4j.bench.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jmh [JMH options] [benchmark regex]}: runs the JMH benchmarks compiled into snn.jar
 * (e.g. {@code jmh LifKernelBenchmark -p T=8 -p N=1048576}); {@code jmh -l} lists them. Every argument
 * goes to JMH unchanged (JMH's own help: {@code jmh -- -h}).
 */
@Command(name = "jmh", description = {"Runs the JMH benchmarks compiled into snn.jar; every argument goes to JMH "
        + "(e.g. 'jmh -l' lists them, 'jmh LifKernelBenchmark -p T=8'; JMH's own help: 'jmh -- -h')."})
final class JmhCommand extends CliCommand {
    @Parameters(paramLabel = "JMH-ARGS", arity = "0..*", description = "JMH options and benchmark regex")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return SnnCli.EXIT_OK;
    }
}
