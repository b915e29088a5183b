package io.snn4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps code in the docs identical to code a test compiles and runs: a Markdown block is the {@code ```java}
 * block after a line {@code <!-- snippet: NAME -->} (or the first one under a heading), a source region lies
 * between {@code // snippet: NAME} and {@code // end snippet} in a test's source file; both are compared after
 * removing their common indentation.
 */
public final class DocSnippets {
    private DocSnippets() {
    }

    /** The repository root (tests run in snn-bench/). */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) ? here : here.getParent();
    }

    /** The java block after {@code <!-- snippet: name -->} in a Markdown file. */
    public static String markdownSnippet(Path md, String name) throws IOException {
        return blockAfter(md, "<!-- snippet: " + name + " -->");
    }

    /** The first java block after the line {@code heading}. */
    public static String blockAfter(Path md, String marker) throws IOException {
        List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
        int i = 0;
        while (i < lines.size() && !lines.get(i).trim().equals(marker)) {
            i++;
        }
        if (i == lines.size()) {
            throw new IllegalStateException(md + " has no line '" + marker + "'");
        }
        while (i < lines.size() && !lines.get(i).trim().equals("```java")) {
            i++;
        }
        List<String> block = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
            block.add(lines.get(i));
        }
        return dedent(block);
    }

    /** The region {@code // snippet: name} … {@code // end snippet} of a test source file under src/test/java. */
    public static String sourceSnippet(Class<?> testClass, String name) throws IOException {
        Path src = root().resolve("snn-bench/src/test/java").resolve(testClass.getName().replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        List<String> block = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.trim().equals("// snippet: " + name)) {
                in = true;
            } else if (in && l.trim().equals("// end snippet")) {
                return dedent(block);
            } else if (in) {
                block.add(l);
            }
        }
        throw new IllegalStateException(src + " has no complete region '" + name + "'");
    }

    static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString().strip();
    }
}
