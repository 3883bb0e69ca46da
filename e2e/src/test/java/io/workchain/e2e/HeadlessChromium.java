package io.workchain.e2e;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser the console's tests drive: Debian's headless chromium through chromium-driver
 * (Selenium). Outside CI a machine without them skips those tests; CI installs them (.ci/run), so
 * there their absence fails.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    static WebDriver start() {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(available,
                    "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        }
        assertTrue(available, "CI installs chromium and chromium-driver (.ci/run)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        // The driver is Debian's: Selenium Manager would try to download one (no internet here).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** The first element {@code selector} finds, once there is one (within {@code wait}). */
    static WebElement waitFor(WebDriver browser, By selector, Duration wait) {
        return new WebDriverWait(browser, wait).until(driver -> {
            List<WebElement> found = driver.findElements(selector);
            return found.isEmpty() ? null : found.get(0);
        });
    }
}
