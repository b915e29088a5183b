package io.snn4j.bench.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every sub-command shares: the streams of {@link SnnCli#run} and checks of what the user typed. */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintStream out() {
        return ((SnnCli) spec.root().userObject()).out;
    }

    PrintStream err() {
        return ((SnnCli) spec.root().userObject()).err;
    }

    /** True when the user gave {@code option} (a name such as {@code --lr}) on the command line. */
    boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Rejects {@code options} the user gave that do not apply, naming them and why. */
    void rejectGiven(String why, String... options) {
        StringBuilder named = new StringBuilder();
        for (String o : options) {
            if (given(o)) {
                named.append(named.length() == 0 ? "" : ", ").append(o);
            }
        }
        if (named.length() > 0) {
            throw new UsageException(named + (named.indexOf(",") < 0 ? " does" : " do") + " not apply " + why);
        }
    }

    static int positive(String option, int v) {
        if (v <= 0) {
            throw new UsageException(option + " must be > 0, got " + v);
        }
        return v;
    }

    static int nonNegative(String option, int v) {
        if (v < 0) {
            throw new UsageException(option + " must be >= 0, got " + v);
        }
        return v;
    }

    static double finite(String option, double v) {
        if (!Double.isFinite(v)) {
            throw new UsageException(option + " must be a finite number, got " + v);
        }
        return v;
    }
}
