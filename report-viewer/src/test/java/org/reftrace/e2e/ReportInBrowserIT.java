package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reftrace.report.DumpBuilder.held;
import static org.reftrace.report.DumpBuilder.holder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.reftrace.dump.Dump;
import org.reftrace.dump.DumpWriter;
import org.reftrace.dump.Health;
import org.reftrace.dump.Holder;
import org.reftrace.dump.Meta;
import org.reftrace.dump.Summary;
import org.reftrace.dump.TrackedObject;
import org.reftrace.report.DumpBuilder;
import org.reftrace.report.Dumps;

/**
 * The whole chain, as a user runs it: the CLI runs a gallery scenario under the agent, writes the dump and the
 * page; Chromium opens the page from disk and it leads with the holder, shows each stack once, filters, sorts,
 * zooms its flame graph, stays offline and quiet, and renders hostile names as text. Crafted dumps (built here)
 * cover what one scenario cannot: two namespaces, twenty JVMs, a hundred thousand holders.
 */
class ReportInBrowserIT {
    /** Where the other end-to-end tests find the CLI and the installation. */
    static final Path CLI = Cli.JAR;
    static final Path HOME = Cli.HOME;
    static final String TUNNEL = "org.reftrace.gallery.scenarios.StaleRouteCache$TunnelRouteCache.cacheRoute(StaleRouteCache.java:44)";

    @TempDir
    static Path dir;
    static ChromeDriver browser;
    static PageDriver page;
    static Path demoPage;

    @BeforeAll
    static void runTheDemoScenarioThroughTheCli() throws Exception {
        Path out = dir.resolve("demo");
        Cli.Run demo = Cli.run(dir, 120, "demo", "--out", out.toString());
        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("reftrace: report written to " + out.resolve("report.html").toAbsolutePath());
        demoPage = out.resolve("report.html");
        browser = Browser.start();
        page = new PageDriver(browser);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Path report(String name, Dump... dumps) throws Exception {
        List<String> args = new ArrayList<>(List.of("report"));
        for (int i = 0; i < dumps.length; i++) {
            Path dump = dir.resolve(name + "-" + i + ".json");
            DumpWriter.write(dumps[i], dump);
            args.add(dump.toString());
        }
        Path html = dir.resolve(name + ".html");
        args.addAll(List.of("-o", html.toString()));
        Cli.Run run = Cli.run(dir, 120, args.toArray(String[]::new));
        assertThat(run.exit()).as(run.output()).isZero();
        return html;
    }

    @Test
    void theDemoReportLeadsWithTheHolder() {
        page.open(demoPage);
        assertThat(page.find("#verdict").getText()).contains("1\nobjects still held").contains("3\nlingering references")
                .contains("0\nagent failures");
        assertThat(page.find("#findings li").getText()).contains("signature #1").contains(TUNNEL);
        WebElement signature = page.find("#signatures tr.signature");
        assertThat(signature.getText()).contains("1 device held by StaleRouteCache$TunnelRouteCache.cacheRoute (StaleRouteCache.java:44)")
                .contains("owner StaleRouteCache$TunnelRouteCache@");
        WebElement first = page.all("#objects > .object").get(0);
        assertThat(first.getText()).contains("dummy0").contains("hung").contains(TUNNEL)
                .contains("owner StaleRouteCache$TunnelRouteCache@").contains("When the wait warned: 3 references still held");
    }

    @Test
    void eachStackIsShownOnceAndLinkedFromEverywhereElse() {
        page.open(demoPage);
        WebElement ref = page.find("#objects > .object a.stackref");
        String id = ref.getAttribute("data-stack");
        assertThat(page.all("#stacks details.stack-entry")).extracting(e -> e.getAttribute("id")).containsOnlyOnce("stack-" + id);
        // the frames are in the page once: in the stack table, not in the card, not in the problem
        assertThat(page.all("ol.stack")).hasSize(page.all("#stacks details.stack-entry").size());
        WebElement entry = page.find("#stack-" + id);
        assertThat(entry.getAttribute("open")).isNull();
        ref.click();
        assertThat(entry.getAttribute("open")).isNotNull();
        WebElement frame = entry.findElement(By.cssSelector("ol.stack li"));
        assertThat(frame.isDisplayed()).isTrue();
        assertThat(frame.getAttribute("class")).isEqualTo("app");
        assertThat(entry.findElements(By.cssSelector("li.dim"))).extracting(WebElement::getText).allMatch(f -> f.startsWith("java."));
        entry.findElement(By.tagName("summary")).click();
        assertThat(frame.isDisplayed()).isFalse();
        // the sentence reported when the wait warned appears once: on the card
        String sentence = "3 references still held while the wait warns";
        assertThat(page.visible(".report.lingering-holders")).singleElement().satisfies(e -> assertThat(e.getText()).contains(sentence));
        assertThat(page.find("#problems").getText()).contains("lingering-holders").contains("Each object's card shows");
        String text = page.find("main").getText();
        assertThat(text.indexOf(sentence)).isEqualTo(text.lastIndexOf(sentence));
    }

    @Test
    void searchFiltersObjectsOwnersAndFrames() {
        page.open(demoPage);
        page.filter("no-such-thing-anywhere");
        assertThat(page.visible("#objects > .object")).isEmpty();
        assertThat(page.visible("#problems > .problem")).isEmpty();
        assertThat(page.visible("#signatures tr.signature")).isEmpty();
        page.filter("TunnelRouteCache");
        assertThat(page.visible("#objects > .object")).hasSize(1);
        assertThat(page.visible("#signatures tr.signature")).hasSize(1);
        page.filter("GalleryMain.main");
        // every object of the demo was made on the main thread: the device and the allocations it owns
        assertThat(page.visible("#objects > .object")).isNotEmpty();
        assertThat(page.visible("#stacks details.stack-entry")).isNotEmpty();
        page.filter(" ");
        assertThat(page.visible("#objects > .object")).hasSize(page.all("#objects > .object").size());
    }

    @Test
    void thePageMakesNoRequestAndLogsNoError() {
        page.open(demoPage);
        assertThat(page.js("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(severe).isEmpty();
    }

    @Test
    void twoLoopbacksInTwoNamespacesAreTwoCardsEachWithItsOwnHolder() throws Exception {
        Dump dump = new DumpBuilder(31).stack("s1", "app.Ns.cache(Ns.java:5)", "app.Main.main(Main.java:1)")
                .hung(40, "lo", "ns1", held("app.Ns.cache(Ns.java:5)", "NsCache@1", "app.NsCache", "s1", null, true, false))
                .object(3, "netdev", "lo", "init_net", "registered", false, holder("app.Route.add(Route.java:9)", "Route@2", null, 1, 1))
                .problem("lingering-holders", 40, "lo", "1 reference still held while the wait warns; the oldest taken at "
                        + "app.Ns.cache(Ns.java:5)", "app.Ns.cache(Ns.java:5)", -1)
                .build();
        page.open(report("namespaces", dump));
        WebElement ns1 = page.find("#obj-j0-40");
        WebElement init = page.find("#obj-j0-3");
        assertThat(ns1.findElement(By.tagName("h3")).getText()).startsWith("lo (ns1)");
        assertThat(init.findElement(By.tagName("h3")).getText()).startsWith("lo (init_net)");
        assertThat(ns1.getText()).contains("app.Ns.cache(Ns.java:5)").contains("When the wait warned")
                .contains("1 taken after it began going away").doesNotContain("app.Route.add");
        assertThat(init.getText()).contains("app.Route.add(Route.java:9)").doesNotContain("When the wait warned");
        // the usage count the agent recorded at each warning, charted
        assertThat(ns1.findElement(By.cssSelector(".usage")).getText())
                .startsWith("usage count at each \"waiting for\" warning: 2, 2 (2 reports");
        assertThat(ns1.findElements(By.cssSelector(".usage svg circle"))).hasSize(2);
        assertThat(page.find("#signatures").getText()).contains("1 device held by Ns.cache (Ns.java:5)");
    }

    @Test
    void twentyJvmsAreOneSignatureAndEachObjectSaysWhichJvmItCameFrom() throws Exception {
        String site = "org.example.Stats.sample(Stats.java:36)";
        Dump[] dumps = new Dump[20];
        for (int i = 0; i < 20; i++) {
            dumps[i] = new DumpBuilder(5000 + i).hung(7, "eth0", null, holder(site, "Stats@1", null, 1, 1_000_000_000L * (i + 1)))
                    .build();
        }
        page.open(report("fleet", dumps));
        assertThat(page.all("#signatures tr.signature")).singleElement().satisfies(s ->
                assertThat(s.getText()).contains("20 devices held by Stats.sample (Stats.java:36), oldest 20.00 s, in 20 JVMs"));
        assertThat(page.all("#objects > .object")).hasSize(20);
        assertThat(page.find("#obj-j7-7").getText()).contains("from 5007@host-0 (org.example.Service)");
        assertThat(page.all("table.jvms tbody tr")).hasSize(20);
        page.filter("5013@");
        assertThat(page.visible("#objects > .object")).singleElement()
                .satisfies(o -> assertThat(o.getAttribute("data-key")).isEqualTo("j13:7"));
    }

    @Test
    void tablesSortByAnyColumnAndTheFlameGraphZoomsAndWeighsByAge() throws Exception {
        DumpBuilder b = new DumpBuilder(3).stack("s1", "app.A.take(A.java:1)", "app.Worker.run(Worker.java:3)", "java.lang.Thread.run(Thread.java:840)")
                .stack("s2", "app.B.take(B.java:2)", "app.Worker.run(Worker.java:3)", "java.lang.Thread.run(Thread.java:840)");
        for (int i = 0; i < 6; i++) {
            b.hung(10 + i, "a" + i, null, holder("app.A.take(A.java:1)", "A@1", "s1", 1, 1_000_000_000L));
        }
        b.hung(30, "b0", null, holder("app.B.take(B.java:2)", "B@1", "s2", 1, 90_000_000_000L));
        page.open(report("sorting", b.build()));
        List<WebElement> rows = page.all("#signatures tr.signature");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("B.take");
        page.all("#signatures th").stream().filter(th -> th.getText().startsWith("objects")).findFirst().orElseThrow().click();
        assertThat(page.all("#signatures tr.signature").get(0).getText()).contains("6 devices held by A.take");
        // the flame graph: Thread.run carries all seven, zooming into A.take leaves it the whole width
        WebElement thread = page.all("#flame-graph .f").stream().filter(f -> f.getText().startsWith("java.lang.Thread.run")).findFirst().orElseThrow();
        assertThat(thread.getText()).contains("(7)");
        WebElement a = page.all("#flame-graph .f").stream().filter(f -> f.getText().startsWith("app.A.take")).findFirst().orElseThrow();
        double before = a.getSize().getWidth();
        a.click();
        WebElement zoomed = page.all("#flame-graph .f").stream().filter(f -> f.getText().startsWith("app.A.take")).findFirst().orElseThrow();
        assertThat((double) zoomed.getSize().getWidth()).isGreaterThan(before * 1.1);
        assertThat(page.all("#flame-graph .f")).noneMatch(f -> f.getText().startsWith("app.B.take"));
        page.find("#flame-graph .f.root").click();
        browser.findElement(By.id("flame-weight")).findElement(By.cssSelector("option[value=age]")).click();
        WebElement byAge = page.all("#flame-graph .f").stream().filter(f -> f.getText().startsWith("app.B.take")).findFirst().orElseThrow();
        WebElement aByAge = page.all("#flame-graph .f").stream().filter(f -> f.getText().startsWith("app.A.take")).findFirst().orElseThrow();
        assertThat(byAge.getSize().getWidth()).isGreaterThan(aByAge.getSize().getWidth() * 5);
    }

    @Test
    void aHundredThousandHoldersMakeASmallPageThatOpensQuickly() throws Exception {
        List<TrackedObject> objects = new ArrayList<>();
        Map<String, List<String>> stacks = new HashMap<>();
        for (int s = 0; s < 10; s++) {
            stacks.put("s" + s, List.of("app.Cache" + s + ".put(Cache" + s + ".java:" + s + ")", "app.Main.main(Main.java:1)"));
        }
        for (int o = 0; o < 1000; o++) {
            List<Holder> holders = new ArrayList<>();
            for (int h = 0; h < 100; h++) {
                int s = h % 10;
                holders.add(new Holder("app.Cache" + s + ".put(Cache" + s + ".java:" + s + ")", "Cache@" + h, "app.Cache" + s,
                        "worker-" + (h % 4), h, 1_000_000L * h, "owner", "s" + s));
            }
            objects.add(new TrackedObject(o + 1, "netdev", "veth" + o, "hung", 101, 0, true, List.of(), holders));
        }
        Dump big = new Dump(Dump.VERSION, new Meta("2026-11-29T00:00:00Z", 1, "test", "netdev", "exit", "", 1),
                new Health(0, 0, 0, 0, List.of(), List.of(), false, 0, 0, "first 16"),
                new Summary(1000, 100_000, 100_000, 0, 0, Map.of()), objects, List.of(), List.of(), Map.of(), List.of(), stacks);
        Path html = report("big", big);
        long dumpBytes = Files.size(dir.resolve("big-0.json"));
        long pageBytes = Files.size(html);
        assertThat(pageBytes).isLessThan(dumpBytes / 4);
        long millis = page.open(html);
        System.out.println("100 000 holders: dump " + dumpBytes / 1024 + " KiB, page " + pageBytes / 1024
                + " KiB, opened and rendered in " + millis + " ms");
        assertThat(page.all("#objects > .object")).hasSize(200);
        assertThat(page.find("#verdict").getText()).contains("100,000\nlingering references");
        assertThat(page.all("#signatures tr.signature")).hasSize(10);
        page.filter("veth999");
        assertThat(page.find("#index-count").getText()).isEqualTo("1 of the listed objects match");
    }

    @Test
    void hostileNamesRenderAsText() throws Exception {
        String hostile = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
        page.open(report("hostile", Dumps.hung(hostile, 2, "app.<script>.x(X.java:1)")));
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).hasSize(2);
        assertThat(page.find("#objects > .object h3").getText()).contains(hostile);
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script from the dump ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
