package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.reftrace.dump.DumpWriter;
import org.reftrace.report.Dumps;

/**
 * The whole chain, as a user runs it: the CLI runs a gallery scenario under the agent, writes the dump and the
 * page; Chromium opens the page from disk and it shows the holder, collapses, filters, stays offline and
 * quiet, and renders hostile names as text.
 */
class ReportInBrowserIT {
    static final Path CLI = Path.of(System.getProperty("reftrace.cliJar", "target/reftrace-cli.jar"));
    static final Path HOME = Path.of(System.getProperty("reftrace.home", ".."));

    @TempDir
    static Path dir;
    static ChromeDriver browser;
    static Path demoPage;

    @BeforeAll
    static void runTheDemoScenarioThroughTheCli() throws Exception {
        Path out = dir.resolve("demo");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dreftrace.home=" + HOME.toAbsolutePath(), "-jar", CLI.toAbsolutePath().toString(), "demo",
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("cli.txt").toFile()).start();
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(dir.resolve("cli.txt"));
        assertThat(cli.exitValue()).as(printed).isZero();
        assertThat(printed).contains("reftrace: report written to " + out.resolve("report.html").toAbsolutePath());
        demoPage = out.resolve("report.html");
        browser = Browser.start();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(Path page) {
        browser.get(page.toUri().toString());
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-rendered")).isEqualTo("true");
    }

    private List<WebElement> visible(String css) {
        return browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
    }

    @Test
    void theDemoReportShowsTheHolderFirst() {
        open(demoPage);
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("1\nobjects still held")
                .contains("3\nlingering references");
        WebElement first = browser.findElements(By.cssSelector("#objects > .object")).get(0);
        assertThat(first.getText()).contains("dummy0").contains("hung")
                .contains("org.reftrace.gallery.scenarios.StaleRouteCache$TunnelRouteCache.cacheRoute(StaleRouteCache.java:44)")
                .contains("owner StaleRouteCache$TunnelRouteCache@");
        assertThat(browser.findElement(By.id("problems")).getText()).contains("lingering-holders");
    }

    @Test
    void stacksCollapseAndExpand() {
        open(demoPage);
        WebElement details = browser.findElement(By.cssSelector("#objects > .object details"));
        WebElement firstFrame = details.findElement(By.cssSelector("ol.stack li"));
        assertThat(details.getAttribute("open")).isNotNull();
        assertThat(firstFrame.isDisplayed()).isTrue();
        details.findElement(By.tagName("summary")).click();
        assertThat(details.getAttribute("open")).isNull();
        assertThat(firstFrame.isDisplayed()).isFalse();
        details.findElement(By.tagName("summary")).click();
        assertThat(firstFrame.isDisplayed()).isTrue();
        assertThat(firstFrame.getAttribute("class")).isEqualTo("app");
        assertThat(details.findElements(By.cssSelector("li.dim"))).extracting(WebElement::getText)
                .allMatch(f -> f.startsWith("java."));
    }

    @Test
    void searchFiltersObjectsOwnersAndFrames() {
        open(demoPage);
        int all = visible("#objects > .object").size();
        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("no-such-thing-anywhere");
        assertThat(visible("#objects > .object")).isEmpty();
        assertThat(visible("#problems > .problem")).isEmpty();
        search.clear();
        search.sendKeys("TunnelRouteCache");
        assertThat(visible("#objects > .object")).hasSize(1);
        search.clear();
        search.sendKeys("GalleryMain.main");
        // every object of the demo was made on the main thread: the device and the allocations it owns
        assertThat(visible("#objects > .object")).isNotEmpty();
        search.clear();
        search.sendKeys("x");
        search.clear();
        search.sendKeys(" ");
        assertThat(visible("#objects > .object")).hasSize(all);
    }

    @Test
    void thePageMakesNoRequestAndLogsNoError() {
        open(demoPage);
        Object resources = ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').length");
        assertThat(resources).isEqualTo(0L);
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(severe).isEmpty();
    }

    @Test
    void aHundredThousandHoldersMakeASmallPageThatOpensQuickly() throws Exception {
        List<org.reftrace.dump.TrackedObject> objects = new java.util.ArrayList<>();
        java.util.Map<String, List<String>> stacks = new java.util.HashMap<>();
        for (int s = 0; s < 10; s++) {
            stacks.put("s" + s, List.of("app.Cache" + s + ".put(Cache" + s + ".java:" + s + ")", "app.Main.main(Main.java:1)"));
        }
        for (int o = 0; o < 1000; o++) {
            List<org.reftrace.dump.Holder> holders = new java.util.ArrayList<>();
            for (int h = 0; h < 100; h++) {
                int s = h % 10;
                holders.add(new org.reftrace.dump.Holder("app.Cache" + s + ".put(Cache" + s + ".java:" + s + ")",
                        "Cache@" + h, "app.Cache" + s, "worker-" + (h % 4), h, 1_000_000L * h, "owner", "s" + s));
            }
            objects.add(new org.reftrace.dump.TrackedObject(o + 1, "netdev", "veth" + o, "hung", 101, 0, true,
                    List.of(), holders));
        }
        org.reftrace.dump.Dump big = new org.reftrace.dump.Dump(org.reftrace.dump.Dump.VERSION,
                new org.reftrace.dump.Meta("2026-11-29T00:00:00Z", 1, "test", "netdev", "exit", "", 1),
                new org.reftrace.dump.Health(0, 0, 0, 0, List.of(), List.of(), false, 0, 0, "first 16"),
                new org.reftrace.dump.Summary(1000, 100_000, 100_000, 0, 0, java.util.Map.of()), objects, List.of(),
                List.of(), java.util.Map.of(), List.of(), stacks);
        Path dump = dir.resolve("big.json");
        DumpWriter.write(big, dump);
        Path page = dir.resolve("big.html");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI.toAbsolutePath().toString(), "report", dump.toString(), "-o", page.toString())
                .redirectErrorStream(true).start();
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(cli.exitValue()).isZero();
        long dumpBytes = Files.size(dump);
        long pageBytes = Files.size(page);
        assertThat(pageBytes).isLessThan(dumpBytes / 4);
        long start = System.nanoTime();
        open(page);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("100 000 holders: dump " + dumpBytes / 1024 + " KiB, page " + pageBytes / 1024
                + " KiB, opened and rendered in " + millis + " ms");
        assertThat(browser.findElements(By.cssSelector("#objects > .object"))).hasSize(1000);
        assertThat(browser.findElement(By.id("verdict")).getText()).contains("100000\nlingering references");
    }

    @Test
    void hostileNamesRenderAsText() throws Exception {
        String hostile = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
        Path dump = dir.resolve("hostile.json");
        DumpWriter.write(Dumps.hung(hostile, 2, "app.<script>.x(X.java:1)"), dump);
        Path page = dir.resolve("hostile.html");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI.toAbsolutePath().toString(), "report", dump.toString(), "-o", page.toString())
                .redirectErrorStream(true).start();
        assertThat(cli.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(cli.exitValue()).isZero();
        open(page);
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#objects > .object h3")).getText()).contains(hostile);
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script from the dump ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
