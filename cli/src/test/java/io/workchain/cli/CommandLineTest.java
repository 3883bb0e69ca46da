package io.workchain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the command line does before it talks to anything: help, usage errors and bad input, each
 * with exit status 2 and a sentence on standard error. No broker is reachable at the address used
 * here (port 1), so a command that got past its checks would fail differently.
 */
class CommandLineTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @TempDir
    Path dir;

    static CommandRun workchain(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void helpListsTheCommandsAndTheExitStatus() {
        CommandRun help = workchain("--help");
        assertEquals(0, help.exit());
        for (String expected : new String[]{"submit", "status", "watch", "retry", "cancel", "Exit status",
                "still running",
                "refused the request"}) {
            assertTrue(help.out().contains(expected), expected + " in " + help.out());
        }
        CommandRun submitHelp = workchain("submit", "--help");
        assertEquals(0, submitHelp.exit());
        assertTrue(submitHelp.out().contains("--timeout"), submitHelp.out());
        assertTrue(submitHelp.out().contains("--run-id"), submitHelp.out());
    }

    @Test
    void noCommandIsAUsageError() {
        CommandRun run = workchain();
        assertEquals(ExitCodes.BAD_INPUT, run.exit());
        assertTrue(run.err().contains("Name a command"), run.err());
    }

    @Test
    void optionsThatCannotBeReadAreUsageErrors() throws IOException {
        Path file = write("{\"work_message\": {\"items\": []}}");
        assertUsageError(workchain("submit", file.toString(), "--timeout"),
                "Missing required parameter for option '--timeout'");
        assertUsageError(workchain("submit", "--timeout", "soon", file.toString()), "not a duration");
        assertUsageError(workchain("submit", "--timeout", "0s", file.toString()), "not between");
        assertUsageError(workchain("submit", "--unknown-flag", file.toString()), "Unknown option");
        assertUsageError(workchain("submit", file.toString(), "second.json"), "Unmatched argument");
        assertUsageError(workchain("submit", "--format", "xml", file.toString()),
                "Invalid value for option '--format'");
        assertUsageError(workchain("watch", "--count", "0"), "--count must be at least 1");
        assertUsageError(workchain("status", "not-a-hash"), "Not a chain hash");
        assertUsageError(workchain("status", "../../etc/passwd0000000000000000"), "Not a chain hash");
        assertUsageError(workchain("retry", "not-a-hash"), "Not a chain hash");
        assertUsageError(workchain("cancel", "--notifier", "http://" + NOWHERE, "not-a-hash"), "Not a chain hash");
        assertUsageError(workchain("retry", "--attempt", "0", "0123456789abcdef0123456789abcdef"),
                "--attempt must be at least 1");
        assertUsageError(workchain("retry", "--attempt", "two", "0123456789abcdef0123456789abcdef"),
                "Invalid value for option '--attempt'");
    }

    @Test
    void aMessageThatIsNotValidIsRefusedBeforeAnythingIsSent() throws IOException {
        assertUsageError(
                workchain("submit", "--bootstrap-servers", NOWHERE,
                        write("{\"work_message\": {\"items\": [{\"order\": 0}]}}").toString()),
                "Not a valid work message");
        assertUsageError(workchain("submit", "--bootstrap-servers", NOWHERE, write("not json at all").toString()),
                "Not a valid work message");
        assertUsageError(workchain("submit", "--bootstrap-servers", NOWHERE, dir.resolve("missing.json").toString()),
                "no such file");
        Path valid = write(
                "{\"work_message\": {\"items\": [{\"order\": 0, \"request\": {\"url\": \"demo\", \"endpoint\": \"/\", \"type\": \"HTTP\", \"method\": \"GET\"}}]}}");
        assertUsageError(workchain("submit", "--bootstrap-servers", NOWHERE, "--run-id", "run 2", valid.toString()),
                "Not a valid --run-id: run_id must hold only letters, digits and . _ : -");
        assertUsageError(workchain("submit", "--bootstrap-servers", NOWHERE, "--run-id", "", valid.toString()),
                "Not a valid --run-id: run_id is empty");
        assertUsageError(
                workchain("submit", "--bootstrap-servers", NOWHERE, "--run-id", "r".repeat(129), valid.toString()),
                "Not a valid --run-id: run_id has 129 characters, over the limit of 128");
        Path huge = dir.resolve("huge.json");
        Files.write(huge, new byte[1_000_001]);
        assertUsageError(workchain("submit", "--bootstrap-servers", NOWHERE, huge.toString()),
                "larger than 1000000 bytes");
    }

    @Test
    void durationsAreShortFormsOrIso() {
        DurationConverter converter = new DurationConverter();
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2M"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofMinutes(2), converter.convert("PT2M"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("25h"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("-PT1S"));
        assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("99999999999s"));
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "work", ".json");
        Files.writeString(file, content);
        return file;
    }

    private static void assertUsageError(CommandRun run, String expected) {
        assertEquals(ExitCodes.BAD_INPUT, run.exit(), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
    }
}
