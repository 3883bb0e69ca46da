package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.Topics;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain console served by the notifier, in a real browser (Debian's headless chromium driven
 * by Selenium through chromium-driver): the list with its filters and a chain's timeline, for
 * chains submitted here. A second notifier joins, so the console on one instance shows chains
 * the other holds. Screenshots of both pages go to target/console-*.png (and docs/).
 */
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static WebDriver browser;
    private static ServiceProcess secondNotifier;

    @BeforeAll
    static void browser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (secondNotifier != null) {
            secondNotifier.stop();
            // Its partitions move back: the next tests find the first notifier's store ready.
            WorkchainSystem system = WorkchainSystem.get();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> system.getStatus(system.notifier, "/chains/0123456789abcdef0123456789abcdef") == 404
                            && system.getStatus(system.notifier, "/chains?local=true") == 200);
        }
    }

    @Test
    void theListAndAChainsTimelineShowWhatHappenedAcrossNotifiers() throws Exception {
        WorkchainSystem system = WorkchainSystem.get();
        String word = unique("console");
        WorkMessage ok = WorkMessage.builder()
                .item(0, demo("/api/text/upper", text(word)))
                .item(1, demo("/api/text/count", text("{{order:0/text}}")))
                .build();
        WorkMessage failing = WorkMessage.builder()
                .item(0, demo("/api/faults/status/404", text(unique("console-fail")))).build();
        system.produce(Topics.WORK, ok.hash(), ok, WireFormat.JSON);
        system.produce(Topics.WORK, failing.hash(), failing, WireFormat.JSON);
        await().atMost(Duration.ofSeconds(90)).until(() -> !system.completions.byKey(ok.hash()).isEmpty()
                && !system.completions.byKey(failing.hash()).isEmpty());

        String console = system.notifier.baseUrl() + "/console/";
        browser.get(console + "index.html");
        waitFor(By.cssSelector("tr[data-hash='" + ok.hash() + "']"));
        await().atMost(WAIT).until(() -> cell(ok.hash(), 2).equals("COMPLETED"));
        assertEquals("2 / 2", cell(ok.hash(), 4));
        assertEquals("FAILED", cell(failing.hash(), 2));
        assertTrue(cell(failing.hash(), 5).contains("404"), "the list shows the error: " + cell(failing.hash(), 5));
        screenshot("console-list");

        new Select(browser.findElement(By.id("status"))).selectByVisibleText("FAILED");
        await().atMost(WAIT)
                .until(() -> browser.findElements(By.cssSelector("tr[data-hash='" + ok.hash() + "']")).isEmpty());
        assertFalse(browser.findElements(By.cssSelector("tr[data-hash='" + failing.hash() + "']")).isEmpty(),
                "filtered to failed chains, the failed one stays");

        browser.get(console + "chain.html?hash=" + ok.hash());
        await().atMost(WAIT).until(() -> browser.findElement(By.id("status")).getText().equals("COMPLETED"));
        List<WebElement> steps = browser.findElements(By.cssSelector("div.step"));
        assertEquals(2, steps.size(), "one box per step");
        for (WebElement step : steps) {
            assertTrue(step.getText().contains("dispatched 20"),
                    "each step says when it was dispatched: " + step.getText());
            assertEquals("OK", step.findElement(By.cssSelector("td.outcome")).getText());
            assertTrue(step.getText().matches("(?s).*\\d+ ms.*"), "each item says how long it took: " + step.getText());
        }
        assertTrue(steps.get(0).getText().contains(word.toUpperCase(Locale.ROOT)), "the response data of step 0");
        screenshot("console-chain");

        crossInstance(system, ok.hash());
    }

    /** A second notifier takes some partitions: the console of the first still answers for every chain. */
    private void crossInstance(WorkchainSystem system, String hash) throws Exception {
        Path state = Files.createTempDirectory("workchain-e2e-streams-2-");
        secondNotifier = ServiceProcess.start("notifier-2", "notifier", Map.of(
                "kafka.bootstrap.servers", system.broker.bootstrapServers(),
                "kafka-streams.state.dir", state.toString(),
                "workchain.notifier.retention", "10m",
                "workchain.notifier.early-ttl", WorkchainSystem.EARLY_TTL_SECONDS + "s"));
        // Chains started now land on partitions of both instances (3 partitions, 2 instances).
        List<String> hashes = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            WorkMessage chain = WorkMessage.builder().item(0, demo("/api/text/upper", text(unique("console-" + i))))
                    .build();
            system.produce(Topics.WORK, chain.hash(), chain, WireFormat.JSON);
            hashes.add(chain.hash());
        }
        await().atMost(Duration.ofSeconds(120))
                .until(() -> hashes.stream().noneMatch(h -> system.completions.byKey(h).isEmpty()));
        // Both instances list chains once the partitions are shared and the stores restored (503 meanwhile).
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> {
                    JsonNode second = system.getJson(secondNotifier, "/chains?local=true&limit=500");
                    assertTrue(
                            system.getJson(system.notifier, "/chains?local=true&limit=500").path("chains").size() > 0);
                    assertTrue(second.path("chains").size() > 0);
                    JsonNode all = system.getJson(system.notifier, "/chains?limit=500");
                    assertEquals(2, all.path("instances").asInt(), "the list gathers both instances");
                    String elsewhere = second.path("chains").get(0).path("hash").asText();
                    assertTrue(all.path("chains").toString().contains(elsewhere),
                            "a chain the other instance holds is listed here");
                    assertEquals(elsewhere,
                            system.getJson(system.notifier, "/chains/" + elsewhere).path("hash").asText(),
                            "and answered through this one");
                    assertEquals(hash, system.getJson(secondNotifier, "/chains/" + hash).path("hash").asText(),
                            "either instance answers for any chain");
                });
    }

    private static String cell(String hash, int column) {
        return browser.findElement(By.cssSelector("tr[data-hash='" + hash + "'] td:nth-child(" + column + ")"))
                .getText();
    }

    private static WebElement waitFor(By selector) {
        return HeadlessChromium.waitFor(browser, selector, WAIT);
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
