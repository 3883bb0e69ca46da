package io.workchain.e2e;

import io.workchain.cli.WorkchainCommand;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documentation's examples of submitting work are the code the end-to-end tests run: each block
 * marked {@code <!-- snippet: FILE#NAME -->} in README.md or docs/*.md equals the region between
 * {@code README: NAME} and {@code README: end} in that file (kcat/submit.sh, example_chain.py,
 * example-chain.js run in NonJavaClientsIT; the Java one in IngressIT), and every command line they
 * show parses.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of(System.getProperty("workchain.root", "..")).toAbsolutePath().normalize();
    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- snippet: ([^#\\s]+)#(\\w+) -->\\n```\\w*\\n(.*?)```",
            Pattern.DOTALL);
    private static final List<String> EVERY_CLIENT = List.of("java", "kcat", "python", "node");

    @Test
    void everyMarkedExampleIsTheRegionOfTheFileThatRunsIt() throws IOException {
        Map<String, String> checked = new TreeMap<>();
        for (Path document : documents()) {
            Matcher block = MARKED_BLOCK.matcher(Files.readString(document));
            while (block.find()) {
                Path file = ROOT.resolve(block.group(1));
                assertEquals(region(file, block.group(2)), block.group(3),
                        ROOT.relativize(document) + "'s " + block.group(2) + " example, from " + file);
                assertNull(checked.put(block.group(2), ROOT.relativize(document).toString()),
                        "the " + block.group(2) + " example is shown once: " + checked);
            }
        }
        assertEquals(new TreeSet<>(EVERY_CLIENT), checked.keySet(), "an example per client: " + checked);
        assertTrue(checked.containsValue("README.md"), "the README shows at least one: " + checked);
    }

    @Test
    void everyCommandLineTheDocsShowParses() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path document : documents()) {
            Files.readAllLines(document).stream().filter(line -> line.startsWith("bin/workchain ")).forEach(lines::add);
        }
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            String command = line.replaceAll("\\s+#.*$", "").trim();
            String[] args = command.substring("bin/workchain ".length()).split("\\s+");
            assertDoesNotThrow(() -> WorkchainCommand.commandLine().parseArgs(args), line);
        }
    }

    /** README.md, then docs/*.md. */
    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void aRegionLosesOnlyItsCommonIndentation() {
        assertEquals("a\n  b\n\nc\n", dedent(List.of("    a", "      b", "", "    c")));
        assertEquals("", dedent(List.of()));
    }

    /** The lines between "README: NAME" and "README: end" in {@code file}, without their common indentation. */
    private static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> region = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.trim().matches("(//|#) README: " + name)) {
                inside = true;
            } else if (inside && line.trim().matches("(//|#) README: end")) {
                return dedent(region);
            } else if (inside) {
                region.add(line);
            }
        }
        throw new AssertionError(file + " has no region README: " + name);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }
}
