package io.snn4j.bench.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a command-line word to a constant of a closed choice: the constant's {@link #label(Enum)}
 * (its {@code toString()} when the enum overrides it, else its name in lower case with {@code -} for
 * {@code _}), case-insensitively. A wrong word gets the list of valid ones.
 */
final class ChoiceConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    ChoiceConverter(Class<E> type) {
        this.type = type;
    }

    static String label(Enum<?> e) {
        String s = e.toString();
        return s.equals(e.name()) ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : s;
    }

    /** The valid words, e.g. {@code sgd, adam, adamw}. */
    static String labels(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(ChoiceConverter::label).collect(Collectors.joining(", "));
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (label(e).equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new TypeConversionException("expected one of " + labels(type) + ", got '" + value + "'");
    }
}
