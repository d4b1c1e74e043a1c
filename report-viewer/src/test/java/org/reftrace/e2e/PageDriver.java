package org.reftrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the browser tests do to a report page: open it, filter it, find what is visible. */
final class PageDriver {
    private final ChromeDriver browser;

    PageDriver(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Opens the page from disk and waits until its script has rendered it; returns the milliseconds taken. */
    long open(Path page) {
        long start = System.nanoTime();
        browser.get(page.toUri().toString());
        waitUntil(() -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-rendered")), 120);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Types a filter and waits until the page has applied it. */
    void filter(String text) {
        WebElement search = browser.findElement(By.id("search"));
        search.clear();
        search.sendKeys(text);
        String expected = text.trim().toLowerCase();
        waitUntil(() -> expected.equals(String.valueOf(browser.findElement(By.tagName("body")).getAttribute("data-query"))), 30);
    }

    List<WebElement> visible(String css) {
        return browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
    }

    WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    static void waitUntil(BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %d s", seconds).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
