package io.snn4j.bench.cli;

/**
 * Bad input found before any work: an option value that cannot apply, a missing data directory, an
 * unusable checkpoint, a configuration that cannot fit in memory. {@link SnnCli} prints its message
 * as one line and exits with {@link SnnCli#EXIT_USAGE}.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
