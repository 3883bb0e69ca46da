package io.workchain.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** kcat (Debian's package), a real non-Java Kafka client, as the end-to-end tests drive it. */
final class Kcat {

    private Kcat() {
    }

    static boolean installed() {
        try {
            return new ProcessBuilder("sh", "-c", "command -v kcat").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes one record, no key: a multi-line text becomes one line, as a person pasting it would send it. */
    static void produce(String broker, String topic, String value) {
        run(List.of("kcat", "-P", "-b", broker, "-t", topic), value.replace("\n", " ") + "\n", 30);
    }

    static String run(List<String> command, String input, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
            }
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> command + " failed: " + err);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
