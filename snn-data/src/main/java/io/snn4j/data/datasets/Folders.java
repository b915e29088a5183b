package io.snn4j.data.datasets;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Directory helpers shared by the dataset folders: sorted listings, case-insensitive child lookup. */
final class Folders {
    private Folders() {
    }

    static List<Path> files(Path dir, String... extensions) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                for (String e : extensions) {
                    if (n.endsWith(e)) {
                        return true;
                    }
                }
                return false;
            }).sorted().toList();
        }
    }

    static List<Path> dirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static Path child(Path dir, String... names) throws IOException {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new FileNotFoundException(dir.resolve(names[0]) + " not found (expected one of " + String.join(", ", names) + ")");
    }

    static String key(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
