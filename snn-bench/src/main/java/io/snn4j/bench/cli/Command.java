package io.snn4j.bench.cli;

import java.io.PrintStream;

/** One CLI sub-command: takes the arguments after its name, returns the exit status. */
@FunctionalInterface
public interface Command {
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
