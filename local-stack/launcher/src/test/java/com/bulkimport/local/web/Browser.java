package com.bulkimport.local.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven through its own ChromeDriver (so Selenium Manager never
 * downloads anything): a browser as new for each test (a Chromium of {@link Chromiums}, reset), downloads into a
 * folder of its own, and screenshots under {@code target/screenshots} for review.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Chromiums.Chromium chromium;
    private final ChromeDriver driver;
    private final Path downloads;

    private Browser(Chromiums.Chromium chromium, Path downloads) {
        this.chromium = chromium;
        this.driver = chromium.driver;
        this.downloads = downloads;
    }

    static Browser open() {
        try {
            Path downloads = Files.createTempDirectory("bulk-import-downloads");
            return new Browser(Chromiums.take(downloads), downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void go(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return waitFor(Duration.ofSeconds(20), d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "element " + css);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void click(String css) {
        waitFor(Duration.ofSeconds(20), d -> {
            WebElement element = find(css);
            if (!element.isEnabled()) {
                return null;
            }
            element.click();
            return true;
        }, "a clickable " + css);
    }

    void type(String css, String text) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(text);
    }

    void select(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    String text(String css) {
        return waitFor(Duration.ofSeconds(20), d -> find(css).getText(), "the text of " + css);
    }

    String attribute(String css, String name) {
        return waitFor(Duration.ofSeconds(20), d -> find(css).getAttribute(name), name + " of " + css);
    }

    /** Waits for the element's text to satisfy the condition; long waits are for imports, not for a slow machine. */
    String awaitText(String css, Duration timeout, java.util.function.Predicate<String> condition, String what) {
        return waitFor(timeout, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return null;
            }
            String text = found.get(0).getText();
            return condition.test(text) ? text : null;
        }, what);
    }

    String awaitAttribute(String css, String attribute, Duration timeout, java.util.function.Predicate<String> condition,
                          String what) {
        return waitFor(timeout, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return null;
            }
            String value = found.get(0).getAttribute(attribute);
            return value != null && condition.test(value) ? value : null;
        }, what);
    }

    /** Waits; the page re-renders while a job runs, so an element that went stale is simply looked up again. */
    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition, String what) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> {
            screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            return "waited " + timeout.toSeconds() + " s for " + what + " at " + driver.getCurrentUrl()
                    + "; the page said: " + driver.findElement(By.tagName("body")).getText();
        });
        return wait.until(condition::apply);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    void acceptConfirm() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** The demo sign-in server's login form. */
    void signInOnLoginPage(String user, String password) {
        type("input[name=username]", user);
        type("input[name=password]", password);
        click("button[type=submit]");
    }

    /** A downloaded file, once Chromium has finished writing it. */
    Path awaitDownload(String fileName, Duration timeout) {
        Path file = downloads.resolve(fileName);
        return waitFor(timeout, d -> {
            try (Stream<Path> partial = Files.list(downloads)) {
                boolean writing = partial.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
                return !writing && Files.exists(file) ? file : null;
            } catch (IOException e) {
                return null;
            }
        }, "the download " + fileName);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every visible form control has an accessible name (a label, aria-label or aria-labelledby) and
     * every button says what it does: what a screen reader needs to operate the page.
     * @return the controls that have none, described
     */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) script("""
                const missing = [];
                for (const el of document.querySelectorAll('input, select, textarea, button')) {
                  if (el.type === 'hidden' || el.offsetParent === null) continue;
                  const labelled = (el.labels && el.labels.length) || el.getAttribute('aria-label')
                    || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim())
                    || (el.type === 'radio' && el.closest('label'));
                  if (!labelled) missing.push(el.outerHTML.slice(0, 120));
                }
                return missing;""");
    }

    /** The rule sets axe checks: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices. */
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
            "best-practice");

    /**
     * Runs axe-core (installed by the build, {@code target/axe}) on the page as it is now and fails on any serious or
     * critical violation, listing each with its rule, impact, the elements it found and how to fix it. Moderate and
     * minor findings are printed, not failed.
     * @param state what the page shows, for the message (e.g. "new import: mapping")
     */
    @SuppressWarnings("unchecked")
    void assertAccessible(String state) {
        long began = System.nanoTime();
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
            script(Axe.SCRIPT);
            if (!chromium.axeOnEveryPage) {
                // every page this browser loads from now on has axe already: its 650 kB go over the wire once
                driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", Axe.SCRIPT));
                chromium.axeOnEveryPage = true;
            }
        }
        long injected = System.nanoTime();
        Object answer = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact || 'minor', help: v.help,
                    url: v.helpUrl, nodes: v.nodes.map(n => n.target.join(' ') + ' | ' + (n.failureSummary || '')
                      .replace(/\s+/g, ' ').slice(0, 300)) }))))
                  .catch(e => done('axe failed: ' + e));""", AXE_TAGS);
        if (answer instanceof String failure) {
            throw new AssertionError(failure + " at \"" + state + "\"");
        }
        System.out.println("axe at \"" + state + "\": " + (injected - began) / 1_000_000 + " ms to inject, "
                + (System.nanoTime() - injected) / 1_000_000 + " ms to run");
        List<String> failing = new java.util.ArrayList<>();
        List<String> noted = new java.util.ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) answer) {
            String impact = (String) violation.get("impact");
            StringBuilder text = new StringBuilder("  ").append(violation.get("id")).append(" (").append(impact)
                    .append("): ").append(violation.get("help")).append(" — ").append(violation.get("url"));
            for (String node : (List<String>) violation.get("nodes")) {
                text.append("\n      ").append(node);
            }
            (impact.equals("serious") || impact.equals("critical") ? failing : noted).add(text.toString());
        }
        if (!noted.isEmpty()) {
            System.out.println("axe, not failing, at \"" + state + "\":\n" + String.join("\n", noted));
        }
        if (!failing.isEmpty()) {
            screenshot("a11y-" + state.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError(failing.size() + " serious or critical accessibility violation(s) at \"" + state
                    + "\" (" + driver.getCurrentUrl() + "):\n" + String.join("\n", failing));
        }
    }

    /** axe.min.js as npm installed it for the build, read once. */
    private static final class Axe {
        static final String SCRIPT = read();

        private static String read() {
            Path file = Path.of(System.getProperty("bulkimport.axe.script",
                    "target/axe/node_modules/axe-core/axe.min.js"));
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("axe-core is not installed at " + file.toAbsolutePath()
                        + ": the build installs it (npm ci in target/axe, phase generate-test-resources)");
            }
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Opens every collapsed section ({@code <details>}) of the page, so that a check sees what they hold too. */
    void openAllDetails() {
        script("document.querySelectorAll('details').forEach(d => { d.open = true; });");
    }

    /** The element that has keyboard focus, described (its tag and id), or "body" when focus fell to the page. */
    String focused() {
        return (String) script("""
                const el = document.activeElement;
                if (!el || el === document.body || el === document.documentElement) return 'body';
                return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '');""");
    }

    /** Presses a key where the keyboard focus is, as a user would (no element is clicked or looked up). */
    void press(CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    /**
     * Presses Tab (Shift+Tab for one before the focus) until the focus is on the element {@code css} names, as a
     * keyboard user reaches it; the focus is
     * never on {@code <body>} on the way (the page lost it). Fails after 60 presses with the path taken.
     */
    void tabTo(String css) {
        List<String> path = new java.util.ArrayList<>();
        // a control before the focus is reached backwards (Shift+Tab), as a user would
        boolean backwards = Boolean.TRUE.equals(script("const target = document.querySelector(arguments[0]);"
                + " return !!target && !!(document.activeElement.compareDocumentPosition(target)"
                + " & Node.DOCUMENT_POSITION_PRECEDING);", css));
        for (int i = 0; i < 60; i++) {
            if (backwards) {
                new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                press(Keys.TAB);
            }
            String now = focused();
            path.add(now);
            if (now.equals("body")) {
                throw new AssertionError("Tab towards " + css + " reached <body>: " + path);
            }
            if (Boolean.TRUE.equals(script("return document.activeElement.matches(arguments[0]);", css))) {
                return;
            }
        }
        throw new AssertionError("60 presses of Tab never reached " + css + ": " + path);
    }

    /**
     * Chooses an option of the focused select with the arrow keys (each one a change the page may re-render for),
     * waiting after each for the focus to be back on the select.
     */
    void chooseByKeyboard(String selectCss, String value) {
        for (int i = 0; i < 20; i++) {
            String now = waitFor(Duration.ofSeconds(10), d -> {
                Object current = script("const el = document.activeElement;"
                        + " return el && el.matches(arguments[0]) ? el.value : null;", selectCss);
                return (String) current;
            }, "the focus on " + selectCss);
            if (now.equals(value)) {
                return;
            }
            press(Keys.ARROW_DOWN);
        }
        throw new AssertionError("the arrow keys never chose " + value + " in " + selectCss);
    }

    /** Waits for the keyboard focus to be on the element {@code css} names (after a re-render, say). */
    void awaitFocus(String css, String when) {
        waitFor(Duration.ofSeconds(20), d -> Boolean.TRUE.equals(script(
                "return document.activeElement !== document.body && document.activeElement.matches(arguments[0]);", css))
                ? true : null, "the focus on " + css + " " + when + " (it is on " + focused() + ")");
    }

    /**
     * The controls {@code css} names that do not fit the window's width, or that a box of theirs which scrolls or
     * clips sideways cuts off (the sample table's own scroll container, {@code except}, excepted), described.
     */
    @SuppressWarnings("unchecked")
    List<String> cutOff(String css, String except) {
        return (List<String>) script("""
                const width = document.documentElement.clientWidth;
                const cut = [];
                for (const el of document.querySelectorAll(arguments[0])) {
                  if (el.offsetParent === null || el.closest(arguments[1])) continue;
                  const r = el.getBoundingClientRect();
                  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
                  if (r.left < -0.5 || r.right > width + 0.5) cut.push(name + ' spans ' + r.left + '..' + r.right + ' of ' + width + ' px');
                  for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
                    if (getComputedStyle(box).overflowX === 'visible') continue;
                    const b = box.getBoundingClientRect();
                    if (r.left < b.left - 0.5 || r.right > b.right + 0.5) {
                      cut.push(name + ' spans ' + r.left + '..' + r.right + ', cut off by its box .' + box.className + ' ' + b.left + '..' + b.right);
                    }
                  }
                }
                return cut;""", css, except);
    }

    /** The elements that reach past the window's right edge while their parent does not (what widens the page). */
    @SuppressWarnings("unchecked")
    List<String> widerThanWindow() {
        return (List<String>) script("""
                const width = document.documentElement.clientWidth;
                const wide = [];
                for (const el of document.body.querySelectorAll('*')) {
                  const r = el.getBoundingClientRect();
                  if (r.width === 0 || r.right <= width + 0.5) continue;
                  if (el.parentElement.getBoundingClientRect().right > width + 0.5) continue;
                  wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : '')
                    + ' "' + (el.textContent || '').trim().slice(0, 40) + '" ends at ' + r.right + ' of ' + width + ' px');
                }
                return wide;""");
    }

    /** How far the page is wider than the window (0 when nothing scrolls sideways). */
    long horizontalOverflow() {
        return (Long) script("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);");
    }

    /** The elements {@code css} finds that reach past the window's left or right edge, described. */
    @SuppressWarnings("unchecked")
    List<String> outsideTheWindow(String css) {
        return (List<String>) script("""
                const outside = [];
                for (const el of document.querySelectorAll(arguments[0])) {
                  const box = el.getBoundingClientRect();
                  if (box.left < 0 || box.right > window.innerWidth) {
                    outside.push(el.outerHTML.slice(0, 80) + ' at ' + box.left + '..' + box.right);
                  }
                }
                return outside;""", css);
    }

    /** The innermost elements that reach past the window's right edge, described: why a page scrolls sideways. */
    @SuppressWarnings("unchecked")
    List<String> widerThanTheWindow() {
        return (List<String>) script("""
                const wide = [];
                for (const el of document.body.querySelectorAll('*')) {
                  const right = el.getBoundingClientRect().right;
                  if (right > window.innerWidth && ![...el.children].some(c => c.getBoundingClientRect().right > window.innerWidth)) {
                    let scrolled = false;
                    for (let p = el.parentElement; p; p = p.parentElement) {
                      if (getComputedStyle(p).overflowX !== 'visible') { scrolled = true; break; }
                    }
                    if (!scrolled) wide.push(el.outerHTML.slice(0, 100) + ' to ' + right);
                  }
                }
                return wide;""");
    }

    /** Where the top of the first element {@code css} finds is, from the top of the page (CSS pixels). */
    double top(String css) {
        return ((Number) script("return arguments[0].getBoundingClientRect().top + window.scrollY;", find(css)))
                .doubleValue();
    }

    @Override
    public void close() {
        Chromiums.giveBack(chromium);
        Chromiums.deleteQuietly(downloads);
    }
}
