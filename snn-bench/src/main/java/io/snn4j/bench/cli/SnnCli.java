package io.snn4j.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.OptionalInt;

import io.snn4j.bench.cli.ModelArgs.LifPreset;
import io.snn4j.bench.cli.ModelArgs.NeuronKind;
import io.snn4j.bench.cli.ModelArgs.SurrogateKind;
import io.snn4j.bench.cli.TrainCommand.LossKind;
import io.snn4j.bench.cli.TrainCommand.OptimizerKind;
import io.snn4j.bench.cli.TrainCommand.ScheduleKind;
import io.snn4j.data.CorruptDataException;
import io.snn4j.models.ConnectFunction;
import io.snn4j.neurons.ResetMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code snn.jar}: {@code java -jar snn-bench/target/snn.jar <command> [options]}, parsed
 * with picocli. Exit status: {@value #EXIT_OK} success; {@value #EXIT_FAILURE} a failure while running
 * (corrupt data met while reading, an I/O error, training diverged, conformance cases failed);
 * {@value #EXIT_USAGE} bad input found before running (unknown command or option, a value that is not a
 * number or not one of the choices, an option that does not apply, a missing data directory, an unusable
 * checkpoint or run directory, a configuration estimated not to fit in memory). Every error is one line
 * on stderr, never a stack trace.
 */
@Command(name = "snn", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = SnnCli.Version.class,
        description = "Trains and evaluates spiking neural networks; runs conformance cases and benchmarks.",
        subcommands = {TrainCommand.class, EvalCommand.class, ResumeCommand.class, EventsCommand.class,
                ConformanceCommand.class, BenchCommand.class, JmhCommand.class, CommandLine.HelpCommand.class})
public final class SnnCli extends CliCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    /** The closed choices of the options, converted by {@link ChoiceConverter}. */
    private static final List<Class<? extends Enum<?>>> CHOICES = List.of(NeuronKind.class, LifPreset.class,
            SurrogateKind.class, ResetMode.class, ConnectFunction.class, LossKind.class, OptimizerKind.class,
            ScheduleKind.class, DataArgs.FrameSplit.class, ConformanceCommand.Precision.class,
            BenchNeuronCommand.NeuronType.class, BenchStepCommand.StepModel.class);

    final PrintStream out;
    final PrintStream err;

    private SnnCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        throw new UsageException("a command is needed: " + commandNames(spec) + " (see 'snn --help')");
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(out, err);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("snn: out of memory (" + e.getMessage() + "); lower the batch or T, or raise -Xmx / "
                    + "-Dorg.bytedeco.javacpp.maxphysicalbytes");
            return EXIT_FAILURE;
        } catch (StackOverflowError e) {
            err.println("snn: stack overflow (input nested too deeply?)");
            return EXIT_FAILURE;
        }
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new SnnCli(out, err));
        for (Class<? extends Enum<?>> c : CHOICES) {
            register(cl, c);
        }
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(SnnCli::badParameter);
        cl.setExecutionExceptionHandler((e, line, parseResult) -> failed(e, line.getCommandSpec(), err));
        CommandLine jmh = cl.getSubcommands().get("jmh");
        jmh.setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(CommandLine cl, Class<? extends Enum<?>> type) {
        cl.registerConverter((Class) type, new ChoiceConverter(type));
    }

    private static int badParameter(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        CommandSpec spec = line.getCommandSpec();
        String name = spec.qualifiedName(" ");
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !spec.subcommands().isEmpty() && spec.userObject() instanceof SnnCli
                && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'; commands: " + commandNames(spec);
        } else if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        ((SnnCli) spec.root().userObject()).err.println(name + ": " + message + " (see '" + name + " --help')");
        return EXIT_USAGE;
    }

    private static String commandNames(CommandSpec spec) {
        return String.join(", ", spec.subcommands().keySet());
    }

    /** One line for an exception thrown by a command: exit 2 for bad input, 1 for a failure while running. */
    static int failed(Exception e, CommandSpec spec, PrintStream err) {
        String name = spec.qualifiedName(" ");
        err.println(name + ": " + message(e));
        return e instanceof UsageException ? EXIT_USAGE : EXIT_FAILURE;
    }

    static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof CorruptDataException || e instanceof UsageException || e instanceof IllegalArgumentException
                || e instanceof TrainCommand.TrainingFailed) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * The {@code snn} command. On Linux with glibc and no arena limit in the environment it first starts itself again
     * with {@code MALLOC_ARENA_MAX=1} ({@link Relaunch}).
     */
    public static void main(String[] args) {
        OptionalInt child = Relaunch.inChild(args);
        int status = child.isPresent() ? child.getAsInt() : run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** The version of the jar's manifest, or "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SnnCli.class.getPackage().getImplementationVersion();
            return new String[] {"snn4j " + (v == null ? "(development build)" : v)};
        }
    }
}
