package io.workchain.e2e;

import io.workchain.cli.WorkchainCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The README's examples of submitting work are the code the end-to-end tests run: each block marked
 * {@code <!-- snippet: FILE#NAME -->} equals the region between {@code README: NAME} and
 * {@code README: end} in that file (kcat/submit.sh, example_chain.py, example-chain.js run in
 * NonJavaClientsIT; the Java one in IngressIT), and every command line it (and the operating guide)
 * shows parses.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of(System.getProperty("workchain.root", "..")).toAbsolutePath().normalize();
    private static final Pattern MARKED_BLOCK = Pattern.compile("<!-- snippet: ([^#\\s]+)#(\\w+) -->\\n```\\w*\\n(.*?)```",
            Pattern.DOTALL);
    private static final List<String> EVERY_CLIENT = List.of("java", "kcat", "python", "node");

    @Test
    void everyMarkedExampleIsTheRegionOfTheFileThatRunsIt() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Map<String, String> checked = new LinkedHashMap<>();
        Matcher block = MARKED_BLOCK.matcher(readme);
        while (block.find()) {
            Path file = ROOT.resolve(block.group(1));
            assertEquals(region(file, block.group(2)), block.group(3), "README's " + block.group(2) + " example, from " + file);
            checked.put(block.group(2), block.group(1));
        }
        assertEquals(EVERY_CLIENT, List.copyOf(checked.keySet()), "an example per client: " + checked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/operating-chains.md"})
    void everyCommandLineTheDocsShowParses(String document) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(document)).stream()
                .filter(line -> line.startsWith("bin/workchain ")).toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            String command = line.replaceAll("\\s+#.*$", "").trim();
            String[] args = command.substring("bin/workchain ".length()).split("\\s+");
            assertDoesNotThrow(() -> WorkchainCommand.commandLine().parseArgs(args), document + ": " + line);
        }
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
