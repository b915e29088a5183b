package io.snn4j.core.autograd;

/**
 * Whether operations are recorded on the tape, per thread. Use {@link #noGrad()} for inference:
 *
 * <pre>{@code
 * try (GradMode.Scope ignored = GradMode.noGrad()) {
 *     Tensor out = model.forward(x);   // nothing recorded, nothing saved for backward
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    /** True when operations on this thread are recorded for backward. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Disables recording on this thread until the returned scope is closed. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Enables recording on this thread until the returned scope is closed (e.g. inside a no-grad block). */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /** Restores the previous mode on close. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
