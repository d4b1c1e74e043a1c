package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpReader;
import org.reftrace.dump.Problem;
import org.reftrace.dump.TrackedObject;

/**
 * The long run, as a new user tries it: {@code reftrace run churn --duration 60} (the duration is the
 * system property {@code reftrace.churnSeconds}, 60 unless set, so CI can run a shorter one), then its page in
 * Chromium: every hung device shows what was reported when its wait warned, the leaking call site is one
 * signature across devices with their count, and the agent's health shows no failure.
 */
class ChurnInBrowserIT {
    static final String SAMPLE = "org.reftrace.gallery.scenarios.Churn$StatsCollector.sample(Churn.java:36)";
    static final int SECONDS = Integer.getInteger("reftrace.churnSeconds", 60);

    @TempDir
    static Path dir;
    static ChromeDriver browser;
    static PageDriver page;
    static Dump dump;
    static Path html;

    @BeforeAll
    static void runChurn() throws Exception {
        Path out = dir.resolve("churn");
        Cli.Run run = Cli.run(dir, SECONDS + 600, "run", "churn", "--duration", String.valueOf(SECONDS), "--out",
                out.toString());
        assertThat(out.resolve("report.html")).as(run.output()).exists();
        System.out.println("churn for " + SECONDS + " s: run and report took " + run.millis() / 1000 + " s");
        dump = DumpReader.read(out.resolve("dump.json"));
        html = out.resolve("report.html");
        browser = Browser.start();
        page = new PageDriver(browser);
        page.open(html);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyHungDeviceShowsItsWaitsHolderReport() {
        List<Problem> warned = dump.problems().stream().filter(p -> p.type().equals("lingering-holders")).toList();
        assertThat(warned).as("a churn run of %d s hangs some devices", SECONDS).isNotEmpty();
        for (Problem p : warned) {
            WebElement card = page.find("#obj-j0-" + p.objectId());
            assertThat(card.getText()).as(p.object()).contains("When the wait warned: " + p.message());
        }
        System.out.println("churn: " + warned.size() + " hung devices, each with its holder report");
    }

    @Test
    void theLeakingSiteIsOneSignatureWithItsDeviceCount() {
        long devices = dump.objects().stream().filter(TrackedObject::shouldBeFree)
                .filter(o -> o.holders().stream().anyMatch(h -> h.site().equals(SAMPLE))).count();
        List<WebElement> rows = page.all("#signatures tr.signature").stream()
                .filter(r -> r.getText().contains(SAMPLE)).toList();
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.getText()).contains(devices + " device"
                + (devices == 1 ? "" : "s") + " held by Churn$StatsCollector.sample (Churn.java:36)"));
        assertThat(page.find("#findings li").getText()).contains("signature #1").contains(SAMPLE);
    }

    /** Whatever the stack budget, every reference still held has a stack: its own, or its site's (issue 11). */
    @Test
    void everyLingeringHolderHasAStack() {
        List<org.reftrace.dump.Holder> lingering = dump.objects().stream().filter(TrackedObject::shouldBeFree)
                .flatMap(o -> o.holders().stream()).toList();
        assertThat(lingering).isNotEmpty().allSatisfy(h -> assertThat(h.stack()).as(h.site()).isNotNull());
        System.out.println("churn: " + lingering.size() + " lingering holders, each with a stack ("
                + lingering.stream().filter(org.reftrace.dump.Holder::stackRepresentative).count()
                + " of them representative)");
    }

    @Test
    void healthShowsNoFailure() throws Exception {
        assertThat(page.find("#tile-failures").getText()).isEqualTo("0\nagent failures");
        assertThat(page.all("#health .card.health")).singleElement()
                .satisfies(h -> assertThat(h.getText()).contains("0 failures"));
        assertThat(page.all("#health table.failures")).isEmpty();
        System.out.println("churn: page " + Files.size(html) / 1024 + " KiB, budgets: "
                + page.find("#health").getText().lines().filter(l -> l.contains("by design")).toList());
    }
}
