package io.workchain.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** kcat (Debian's package), a real non-Java Kafka client, as the end-to-end tests drive it. */
final class Kcat {

    private Kcat() {}

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
        return ExternalClients.run(command, null, Map.of(), input, timeoutSeconds);
    }
}
