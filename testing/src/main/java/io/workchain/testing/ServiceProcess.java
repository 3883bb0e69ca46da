package io.workchain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service (target/quarkus-app/quarkus-run.jar) running as its own JVM process on a
 * free port, configured with system properties; its output goes to target/e2e-logs/NAME.log
 * (or the directory in {@code workchain.logs}). Used by the end-to-end tests and the benchmark.
 */
public final class ServiceProcess implements AutoCloseable {

    /** When true, {@link #start} runs each service's native executable instead of its JVM jar. */
    public static final String NATIVE = "workchain.service-native";
    /** The services' warm-up rounds before ready (500 unless set; empty: the services' own default). */
    public static final String WARM_UP_ROUNDS = "workchain.service-warm-up-rounds";
    /**
     * Workchain's own services, each of which warms up before ready (warmup/ in each); the demo
     * service stands in for a user's service and the Camel route for an alternative: they do not.
     */
    public static final List<String> WORKCHAIN_SERVICES = List.of("gateway", "esb", "notifier");
    public static final String NATIVE_BUILD_HINT = "build the native executables with ./mvnw package -Dnative "
            + "(needs GraalVM or Mandrel; see docs/native.md)";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String module;
    private final int port;
    private final Map<String, String> properties;
    private Process process;
    /** Whether the running process writes its AOT cache as it exits (read off the command it started with). */
    private boolean recordsAotCache;

    private ServiceProcess(String name, String module, int port, Map<String, String> properties) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.properties = properties;
    }

    public static ServiceProcess start(String name, String module, Map<String, String> properties) {
        ServiceProcess service = new ServiceProcess(name, module, freePort(), properties);
        service.start();
        return service;
    }

    /** Starts (again, after {@link #stop}) on the same port, and waits until ready. */
    public void start() {
        Path root = Path.of(System.getProperty("workchain.root", ".."));
        List<String> command = Boolean.getBoolean(NATIVE) ? nativeCommand(root) : jvmCommand(root);
        recordsAotCache = command.stream().anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
        try {
            Path logs = Files.createDirectories(Path.of(System.getProperty("workchain.logs", "target/e2e-logs")));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /**
     * The packaged JVM service: {@code java} (of {@link ServiceJvm#javaHome()}) with the services' JVM
     * options, its AOT cache options, the extra options of {@code workchain.service-jvm-args} (the
     * benchmark's --jfr) and the properties.
     */
    private List<String> jvmCommand(Path root) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: run the build (./mvnw verify) so the services are packaged");
        }
        List<String> command = new ArrayList<>(List.of(ServiceJvm.launcher(),
                System.getProperty("workchain.service-jit", "-XX:TieredStopAtLevel=1"), "-Dquarkus.http.port=" + port));
        command.addAll(jvmOptions(root));
        // One instance per module records its AOT cache (the first, named after the module or "-1").
        command.addAll(ServiceJvm.aotOptions(root, module, name.equals(module) || name.equals(module + "-1")));
        // Extra JVM options for every service (the benchmark's --jfr adds a flight recording per service).
        String extra = System.getProperty("workchain.service-jvm-args", "").replace("{name}", name);
        for (String option : extra.split(" ")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        // The e2e suite measures nothing: a short warm-up before ready (warmup/ in each service). The
        // benchmark sets this property empty, so its services warm up as shipped.
        String warmUpRounds = System.getProperty(WARM_UP_ROUNDS, "500");
        if (!warmUpRounds.isBlank() && WORKCHAIN_SERVICES.contains(module)) {
            command.add("-Dworkchain." + module + ".warm-up.rounds=" + warmUpRounds);
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The service's native executable ({@code ./mvnw package -Dnative}), given the same properties. */
    private List<String> nativeCommand(Path root) {
        Path runner = nativeExecutable(root, module).orElseThrow(() -> new IllegalStateException(
                "no native executable in " + root.resolve(module).resolve("target") + ": " + NATIVE_BUILD_HINT));
        List<String> command = new ArrayList<>(List.of(runner.toString(), "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        return command;
    }

    /** The module's native executable ({@code target/*-runner}), if one was built. */
    public static Optional<Path> nativeExecutable(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (var files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner") && Files.isRegularFile(file)
                    && Files.isExecutable(file)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The operating system's id of the running process (for its CPU time and memory), or -1. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public String toString() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Stops the process like an orchestrator would: SIGTERM, then SIGKILL after 20 s (60 s while it
     * records its AOT cache, which the JVM writes as it exits).
     */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            // How it was started, not today's setting: the benchmark switches to "use" before it
            // stops the services that record.
            if (!process.waitFor(recordsAotCache ? 60 : 20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the process at once, as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + "; see target/e2e-logs/" + name + ".log");
            }
            try {
                HttpResponse<String> response = HTTP
                        .send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within 90 s; see target/e2e-logs/" + name + ".log");
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The services' JVM sizing: the argument file {@code bin/lib/service-jvm.options}, shared with the
     * run script and the JVM image (heap, metaspace, code cache and stacks sized deliberately:
     * docs/performance.md, "Memory").
     */
    static List<String> jvmOptions(Path root) {
        Path file = root.resolve("bin/lib/service-jvm.options").toAbsolutePath();
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(file + " is missing: the services' JVM options live there");
        }
        return List.of("@" + file);
    }

    /** A free port that no outgoing connection can take before it is bound: {@link ReservedPorts}. */
    public static int freePort() {
        return ReservedPorts.choose();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
