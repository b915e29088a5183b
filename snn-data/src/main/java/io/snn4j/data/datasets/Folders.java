package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Directory helpers shared by the dataset folders: sorted listings, case-insensitive child lookup,
 * and the rule that a dataset never reads outside its root: every file and directory it opens must
 * resolve (following symbolic links) to a path under the root's real path.
 */
final class Folders {
    private Folders() {
    }

    /** Regular files of {@code dir} with one of the extensions (case-insensitive), sorted; each inside {@code root}. */
    static List<Path> files(Path root, Path dir, String... extensions) throws IOException {
        List<Path> out;
        try (Stream<Path> s = Files.list(dir)) {
            out = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                for (String e : extensions) {
                    if (n.endsWith(e)) {
                        return true;
                    }
                }
                return false;
            }).sorted().toList();
        }
        Path realRoot = root.toRealPath();
        for (Path p : out) {
            requireUnder(realRoot, p);
        }
        return out;
    }

    /** Sub-directories of {@code dir}, sorted; each inside {@code root}. */
    static List<Path> dirs(Path root, Path dir) throws IOException {
        List<Path> out;
        try (Stream<Path> s = Files.list(dir)) {
            out = s.filter(Files::isDirectory).sorted().toList();
        }
        Path realRoot = root.toRealPath();
        for (Path p : out) {
            requireUnder(realRoot, p);
        }
        return out;
    }

    /** The first of {@code names} that exists in {@code dir}; it must lie inside {@code root}. */
    static Path child(Path root, Path dir, String... names) throws IOException {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.exists(p)) {
                return requireInside(root, p);
            }
        }
        throw new FileNotFoundException(dir.resolve(names[0]) + " not found (expected one of " + String.join(", ", names) + ")");
    }

    /**
     * Returns {@code p} if it exists and its real path (links followed) lies under the real path of
     * {@code root}; otherwise throws a {@link CorruptDataException} naming both.
     */
    static Path requireInside(Path root, Path p) throws IOException {
        return requireUnder(root.toRealPath(), p);
    }

    /** {@link #requireInside} with the root's real path already resolved. */
    private static Path requireUnder(Path realRoot, Path p) throws IOException {
        Path real = p.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new CorruptDataException(p.toString(), 0, "a file inside the dataset root " + realRoot,
                    "a path that resolves to " + real + " (a symbolic link out of the root)");
        }
        return p;
    }

    static String key(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Throws when a split of a dataset has no samples at all, naming where they were looked for. */
    static void requireSamples(int count, String dataset, Path where, String layout) {
        if (count == 0) {
            throw new IllegalArgumentException(dataset + ": no samples in " + where + " (expected " + layout + ")");
        }
    }
}
