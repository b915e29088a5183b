package io.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's "Use snn4j from your Maven project" pom snippet names the versions this repository builds with. */
class MavenSnippetTest {
    private static final Pattern DEP = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)"
            + "</artifactId>\\s*<version>([^<]+)</version>\\s*(?:<classifier>([^<]+)</classifier>\\s*)?</dependency>");

    record Dep(String group, String artifact, String version, String classifier) {
    }

    static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertTrue(m.find(), "parent pom has no <" + name + ">");
        return m.group(1).trim();
    }

    @Test
    void readmePomSnippetMatchesTheParentPom() throws Exception {
        Path root = DocSnippets.root();
        String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Use snn4j from your Maven project");
        assertTrue(start >= 0, "README has no Maven section");
        int xml = readme.indexOf("```xml", start);
        String snippet = readme.substring(xml, readme.indexOf("```", xml + 6));
        List<Dep> deps = new ArrayList<>();
        Matcher m = DEP.matcher(snippet);
        while (m.find()) {
            deps.add(new Dep(m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        assertFalse(deps.isEmpty());
        Matcher own = Pattern.compile("<artifactId>snn4j-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(own.find());
        String version = own.group(1);
        boolean nativeClassifier = false;
        boolean nativePlain = false;
        for (Dep d : deps) {
            switch (d.group()) {
                case "io.snn4j" -> {
                    assertEquals(version, d.version(), d.artifact());
                    assertTrue(Files.isDirectory(root.resolve(d.artifact())), "no module " + d.artifact());
                }
                case "org.nd4j" -> {
                    assertEquals("nd4j-native", d.artifact());
                    assertEquals(property(pom, "nd4j.version"), d.version());
                    if (d.classifier() == null) {
                        nativePlain = true;
                    } else {
                        assertEquals(property(pom, "nd4j.classifier"), d.classifier());
                        nativeClassifier = true;
                    }
                }
                case "ch.qos.logback" -> assertEquals(property(pom, "logback.version"), d.version());
                default -> throw new AssertionError("unexpected dependency in the README snippet: " + d);
            }
        }
        assertTrue(nativePlain && nativeClassifier, "the snippet needs nd4j-native with and without the classifier");
    }
}
