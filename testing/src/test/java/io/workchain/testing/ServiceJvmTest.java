package io.workchain.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which AOT cache options a service gets: only from a JDK that has the cache (read from its
 * {@code release} file, as a JDK 17 would refuse the options and not start), written by one
 * instance per module, read only when the cache exists.
 */
class ServiceJvmTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(ServiceJvm.JAVA_HOME);
        System.clearProperty(ServiceJvm.AOT);
    }

    private Path jdk(String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"),
                "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version + "\"\n");
        System.setProperty(ServiceJvm.JAVA_HOME, home.toString());
        return home;
    }

    @Test
    void aJdkWithoutTheCacheGetsNoCacheOptionsWhateverIsAsked() throws IOException {
        jdk("17.0.17");
        System.setProperty(ServiceJvm.AOT, "record");
        assertEquals(17, ServiceJvm.release());
        assertFalse(ServiceJvm.hasAotCache());
        assertEquals(List.of(), ServiceJvm.aotOptions(dir, "esb", true));
    }

    @Test
    void oneInstanceRecordsAndEveryInstanceReadsACacheThatExists() throws IOException {
        Path home = jdk("25.0.3");
        assertTrue(ServiceJvm.hasAotCache());
        assertTrue(ServiceJvm.launcher().startsWith(home.toString()));
        Path cache = ServiceJvm.cache(dir, "esb");
        System.setProperty(ServiceJvm.AOT, "record");
        assertEquals(List.of("-XX:AOTCacheOutput=" + cache), ServiceJvm.aotOptions(dir, "esb", true));
        assertEquals(List.of(), ServiceJvm.aotOptions(dir, "esb", false), "a second writer would spoil the file");
        System.setProperty(ServiceJvm.AOT, "use");
        assertEquals(List.of(), ServiceJvm.aotOptions(dir, "esb", true), "no cache trained yet: none read");
        Files.createDirectories(cache.getParent());
        Files.write(cache, new byte[]{1});
        assertEquals(List.of("-XX:AOTCache=" + cache), ServiceJvm.aotOptions(dir, "esb", false));
        ServiceJvm.deleteCache(dir, "esb");
        assertFalse(Files.exists(cache));
        System.setProperty(ServiceJvm.AOT, "off");
        assertEquals(List.of(), ServiceJvm.aotOptions(dir, "esb", true));
    }

    @Test
    void anUnknownJdkCountsAsOneWithoutTheCache() {
        System.setProperty(ServiceJvm.JAVA_HOME, dir.resolve("nowhere").toString());
        assertEquals(0, ServiceJvm.release());
        assertFalse(ServiceJvm.hasAotCache());
    }
}
