package org.rdpdiag.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.Examples;

/**
 * A whole interview in a real browser: Debian's Chromium, headless, driven through its own
 * chromedriver, both named by path so that nothing is looked up or downloaded. In CI (CI=true)
 * the browser must be there (.ci/run installs it); elsewhere the test is skipped, saying so, when
 * it is not. With {@code -Drdpdiag.screenshots=DIR} it also saves the start, interview and report
 * pages as the screenshots under docs/.
 */
class BrowserTest extends ServedTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path EXAMPLE = Path.of("facts/examples/expired-self-signed-cert.yaml");
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void openBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI needs " + CHROMIUM + " and " + DRIVER + ": apt-get install chromium chromium-driver (see .ci/run)");
        }
        Assumptions.assumeTrue(present, "skipped: no " + CHROMIUM + " or " + DRIVER
                + " (apt-get install chromium chromium-driver); CI runs this test");
        profile = Files.createTempDirectory("rdpdiag-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anEngineerCompletesAnInterviewAndExportsTheReport() throws IOException {
        HostFacts truth = FactsReader.read(EXAMPLE);
        browser.get(web.base() + "/");
        screenshot("start");
        browser.findElement(By.name("id")).sendKeys("web01");
        browser.findElement(By.id("begin")).click();
        String tookBack = null;
        for (int n = 1; n <= 60 && browser.findElements(By.id("complete")).isEmpty(); n++) {
            WebElement question = browser.findElement(By.id("question"));
            String id = question.getAttribute("data-question");
            if (n == 3 && tookBack == null) {
                // Back takes the last answer back and asks that question again; the browser's
                // own back button returns to this question with its answers intact.
                browser.findElement(By.id("back")).click();
                tookBack = browser.findElement(By.id("question")).getAttribute("data-question");
                assertFalse(tookBack.equals(id));
                browser.navigate().back();
                assertEquals(id, browser.findElement(By.id("question")).getAttribute("data-question"));
                browser.navigate().refresh();
                assertEquals(id, browser.findElement(By.id("question")).getAttribute("data-question"), "a reload keeps it");
            }
            if (n == 4) {
                browser.findElement(By.cssSelector("#why summary")).click();
                screenshot("interview");
            }
            answer(id, truth);
        }
        assertFalse(browser.findElements(By.id("complete")).isEmpty(), "the interview ends with the report");
        screenshot("report");
        List<WebElement> leading = browser.findElements(By.cssSelector("#summary ol.leading li"));
        assertTrue(leading.get(0).getText().contains("rdp-certificate-invalid"), leading.get(0).getText());
        // The script ran under the page's Content-Security-Policy: copy buttons and remembered ticks.
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !d.findElements(By.cssSelector("pre.commands button.copy")).isEmpty());
        WebElement firstDone = browser.findElement(By.cssSelector("#plan input.done"));
        firstDone.click();
        assertTrue(browser.findElement(By.id("step-1")).getAttribute("class").contains("checked"));
        String markdown = browser.findElement(By.id("export-md")).getAttribute("href");
        assertTrue(markdown.contains("/export.md?"), markdown);
        assertEquals(200, web.get(markdown.substring(web.base().length())).statusCode());
        browser.findElement(By.cssSelector("a.persists")).click();
        assertTrue(browser.getPageSource().contains("Tried without success"), "the consultation goes on with the fix tried");
    }

    private static void answer(String questionId, HostFacts truth) {
        String fact = Examples.service().knowledgeBase().catalog().question(questionId).orElseThrow().fact();
        Object value = truth.value(fact);
        if (value == null) {
            browser.findElement(By.id("unknown")).click();
            return;
        }
        List<WebElement> text = browser.findElements(By.id("answer-text"));
        if (!text.isEmpty()) {
            text.get(0).sendKeys(AnswerValues.write(value));
        } else if (value instanceof List<?> items) {
            items.forEach(v -> browser.findElement(By.cssSelector("input[name=c][value='" + v + "']")).click());
        } else {
            browser.findElement(By.cssSelector("input[name=c][value='" + AnswerValues.write(value) + "']")).click();
        }
        browser.findElement(By.id("submit-answer")).click();
    }

    private static void screenshot(String name) throws IOException {
        String dir = System.getProperty("rdpdiag.screenshots");
        if (dir == null) {
            return;
        }
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of(dir));
        Files.copy(shot, Path.of(dir, "serve-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
