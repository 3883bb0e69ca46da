package io.workchain.tools.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's options are checked before anything starts: {@code --native} without a native
 * executable for every service is refused with what to build (no GraalVM here, so the native run
 * itself cannot be exercised on this machine), and so are options that do not go together.
 * Every case here fails its checks, so no broker or service is ever started.
 */
class BenchmarkOptionsTest {

    @TempDir
    Path root;

    private String previousRoot;

    @BeforeEach
    void pointAtAnEmptyCheckout() {
        previousRoot = System.getProperty("workchain.root");
        System.setProperty("workchain.root", root.toString());
    }

    @AfterEach
    void restoreRoot() {
        if (previousRoot == null) {
            System.clearProperty("workchain.root");
        } else {
            System.setProperty("workchain.root", previousRoot);
        }
    }

    @Test
    void nativeWithoutExecutablesNamesEveryServiceAndWhatToBuild() {
        Run run = bench("--native");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("no native executable for demo-service, gateway, esb, notifier"), run.err);
        assertTrue(run.err.contains("./mvnw package -Dnative"), run.err);
    }

    @Test
    void nativeNamesOnlyTheServicesStillMissingTheirExecutable() throws IOException {
        executable("demo-service", "demo-service-0.1.0-SNAPSHOT-runner");
        executable("gateway", "gateway-0.1.0-SNAPSHOT-runner");
        executable("esb", "esb-0.1.0-SNAPSHOT-runner");
        Files.createDirectories(root.resolve("notifier/target"));
        Files.writeString(root.resolve("notifier/target/notifier-0.1.0-SNAPSHOT-runner"), "not executable");
        Run run = bench("--native");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("no native executable for notifier;"), run.err);
        assertFalse(run.err.contains("gateway,"), run.err);
    }

    @Test
    void aFlightRecordingIsTheJvmsOnly() {
        Run run = bench("--native", "--jfr");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("--jfr records the JVM services"), run.err);
    }

    @Test
    void theCamelRouteIsAddedToTheClosedOnlyRunOnly() {
        for (String[] args : new String[][]{{"--camel"}, {"--quick", "--camel"},
                {"--closed-only", "--camel", "--native"},
                {"--closed-only", "--camel", "--train-only"}}) {
            Run run = bench(args);
            assertEquals(2, run.exit, String.join(" ", args));
            assertTrue(run.err.contains("--camel goes with --closed-only"), run.err);
        }
    }

    @Test
    void instancesAndPartitionsAreBounded() {
        assertEquals(2, bench("--instances", "5").exit);
        assertEquals(2, bench("--partitions", "0").exit);
    }

    @Test
    void fixedRatesGoWithClosedOnlyAndAreBounded() {
        Run alone = bench("--rate", "300");
        assertEquals(2, alone.exit);
        assertTrue(alone.err.contains("--rate goes with --closed-only"), alone.err);
        assertEquals(2, bench("--closed-only", "--rate", "300,0").exit);
        assertEquals(2, bench("--closed-only", "--rate", "NaN").exit);
    }

    @Test
    void theMemoryPhaseRunsAloneWithABoundedCount() {
        Run quick = bench("--memory", "--quick");
        assertEquals(2, quick.exit);
        assertTrue(quick.err.contains("--memory runs alone"), quick.err);
        assertEquals(2, bench("--memory", "--closed-only").exit);
        assertEquals(2, bench("--memory", "--cold").exit);
        assertEquals(2, bench("--memory", "--memory-chains", "0").exit);
    }

    @Test
    void helpNamesTheColdPhase() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new Benchmark.Options());
        commandLine.setOut(new PrintWriter(out, true));
        assertEquals(0, commandLine.execute("--help"));
        assertTrue(out.toString().contains("--cold"), out.toString());
    }

    private void executable(String module, String name) throws IOException {
        Path file = Files.createDirectories(root.resolve(module).resolve("target")).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, String err) {}

    private static Run bench(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Benchmark.Options());
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, err.toString());
    }
}
