package io.workchain.e2e;

import io.workchain.common.kafka.ChainPlacement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The clients outside Java that the tests run as a user would (kcat, Python, Node.js), and where
 * their partitioners put a key. Where a client is missing outside CI the test is skipped; in CI
 * ({@code CI} set, .ci/run installs them all) a missing client fails it.
 */
final class ExternalClients {

    /** The repository's {@code clients/} folder (tests run in the e2e module's directory). */
    static final Path CLIENTS = Path.of("..", "clients").toAbsolutePath().normalize();
    /** Debian's python3, which has python3-confluent-kafka (a pyenv python3 earlier on the PATH does not). */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private ExternalClients() {}

    /** Whether {@code check} (a shell command) succeeds: a client and its libraries are there. */
    static boolean available(String check) {
        try {
            return new ProcessBuilder("sh", "-c", check).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command to its end; fails the test unless it exits 0 in time. Returns what it printed. */
    static String run(List<String> command, Path directory, Map<String, String> environment, String input,
            int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            // Read the error stream beside the output, so neither pipe fills and blocks the process.
            var errors = new java.util.concurrent.CompletableFuture<String>();
            Thread reader = new Thread(() -> {
                try {
                    errors.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errors.complete(e.toString());
                }
            });
            reader.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
            }
            String err = errors.join();
            String printed = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> command + " failed: " + err + "\n" + printed);
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The partition librdkafka's default partitioner (consistent_random: CRC32 of the key) gives a key. */
    static int crc32Partition(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    /** Whether librdkafka's partitioner puts this hash elsewhere than its chain's partition. */
    static boolean crc32PlacesElsewhere(String hash, int partitions) {
        return crc32Partition(hash, partitions) != ChainPlacement.partitionOf(hash, partitions);
    }
}
