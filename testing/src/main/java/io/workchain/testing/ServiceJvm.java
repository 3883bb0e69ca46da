package io.workchain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which JVM runs a packaged service, and with which ahead-of-time cache (JDK 25's Leyden AOT cache:
 * classes loaded and linked and method profiles, recorded in a training run and read at start, so
 * that a new instance starts and serves its first chains as a warm one would).
 * <p>
 * {@value #JAVA_HOME} names the JDK (default: the one running this code; the tests keep JDK 17, the
 * benchmark and the run script take Temurin 25 where it is installed). {@value #AOT} says what the
 * services do with their cache, {@code target/quarkus-app/app.aot} beside the jar: {@code off}
 * (default), {@code record} (written when the service exits after a training workload) or {@code use}
 * (read when it exists). The cache options are given only to a JDK that has them (25 or later).
 */
public final class ServiceJvm {

    /** The JDK whose {@code bin/java} runs the services. */
    public static final String JAVA_HOME = "workchain.service-java-home";
    /** What the services do with their AOT cache: off, record or use. */
    public static final String AOT = "workchain.service-aot";
    /** The cache's name beside each service's quarkus-run.jar (as in Quarkus's own AOT packaging). */
    public static final String CACHE_FILE = "app.aot";
    /** The first feature release with the one-step AOT cache (JEP 514) and method profiles (JEP 515). */
    static final int FIRST_AOT_RELEASE = 25;

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private ServiceJvm() {}

    /** What the services do with their AOT cache. */
    public enum AotMode {
        OFF, RECORD, USE;

        public static AotMode configured() {
            return valueOf(System.getProperty(AOT, "off").toUpperCase(Locale.ROOT));
        }
    }

    /** The JDK the services run on. */
    public static Path javaHome() {
        return Path.of(System.getProperty(JAVA_HOME, System.getProperty("java.home")));
    }

    public static String launcher() {
        return javaHome().resolve("bin").resolve("java").toString();
    }

    /** The feature release of {@link #javaHome()} (17, 25), from its {@code release} file; 0 when unknown. */
    public static int release() {
        Path file = javaHome().resolve("release");
        try {
            Matcher version = RELEASE_VERSION.matcher(Files.readString(file));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the services' JDK has the AOT cache. */
    public static boolean hasAotCache() {
        return release() >= FIRST_AOT_RELEASE;
    }

    /** The cache of a module: {@code MODULE/target/quarkus-app/app.aot}. */
    public static Path cache(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app").resolve(CACHE_FILE).toAbsolutePath();
    }

    /**
     * The AOT options for one service: {@code recorder} says whether this instance writes the cache
     * (one instance per module does: two writers of one file would spoil it).
     */
    static List<String> aotOptions(Path root, String module, boolean recorder) {
        if (!hasAotCache()) {
            return List.of();
        }
        Path cache = cache(root, module);
        return switch (AotMode.configured()) {
            case OFF -> List.of();
            case RECORD -> recorder ? List.of("-XX:AOTCacheOutput=" + cache) : List.of();
            case USE -> Files.isReadable(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
        };
    }

    /** Removes a module's cache (before a training run, so that a stale one is never read). */
    public static void deleteCache(Path root, String module) {
        try {
            Files.deleteIfExists(cache(root, module));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Describes the services' JVM for a report: "JDK 25, AOT cache use". */
    public static String describe() {
        return "JDK " + release() + Optional.of(AotMode.configured()).filter(mode -> hasAotCache())
                .map(mode -> ", AOT cache " + mode.name().toLowerCase(Locale.ROOT)).orElse("");
    }
}
