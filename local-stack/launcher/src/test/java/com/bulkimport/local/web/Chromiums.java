package com.bulkimport.local.web;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Chromium processes a test JVM's browsers run in, started once and reused: a start took about 7 s on two busy
 * processors, a seventh of a browser test. A browser handed back is made as new for what the tests use (see {@link
 * #reset}): its dialogs answered, a new tab in place of its tabs, its cookies, cache and the storage of the origins it
 * showed cleared, its first window size restored. One that cannot be reset is quit, and the next browser starts a new one. Two tests' browsers at
 * once (alice's and the admin's) are two processes with profiles of their own, as before.
 */
final class Chromiums {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static final Deque<Chromium> IDLE = new ArrayDeque<>();
    private static final List<Chromium> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Chromiums::quitAll, "chromium-quit"));
    }

    private Chromiums() {
    }

    /** One Chromium and its ChromeDriver, with what it keeps from one browser to the next. */
    static final class Chromium {
        final ChromeDriver driver;
        final Path profile;
        final Dimension firstSize;
        /** Whether every page it loads gets axe-core before its own scripts (a CDP registration, kept until quit). */
        boolean axeOnEveryPage;

        private Chromium(ChromeDriver driver, Path profile) {
            this.driver = driver;
            this.profile = profile;
            this.firstSize = driver.manage().window().getSize();
        }
    }

    /** An idle Chromium, or a new one; its downloads go to {@code downloads} from now on. */
    static synchronized Chromium take(Path downloads) {
        while (!IDLE.isEmpty()) {
            Chromium idle = IDLE.pop();
            try {
                downloadInto(idle, downloads);
                return idle;
            } catch (WebDriverException gone) {
                // it died since its last test: a new one instead
                quit(idle);
            }
        }
        Chromium started = start();
        downloadInto(started, downloads);
        return started;
    }

    private static void downloadInto(Chromium chromium, Path downloads) {
        chromium.driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }

    /** Back to the pool as new, or quit when that fails. */
    static synchronized void giveBack(Chromium chromium) {
        if (reset(chromium)) {
            IDLE.push(chromium);
        } else {
            quit(chromium);
        }
    }

    private static Chromium start() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); the build installs them (src/test/browser/ensure-chromium.sh)");
        }
        try {
            Path profile = Files.createTempDirectory("bulk-import-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            // a closed network: nothing of Chromium's own may try to reach the internet
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--disable-default-apps", "--window-size=1280,1000",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            try {
                driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
                Chromium chromium = new Chromium(driver, profile);
                STARTED.add(chromium);
                return chromium;
            } catch (WebDriverException e) {
                driver.quit();
                deleteQuietly(profile);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the next test needs of a fresh profile: a new tab (the web UI keeps its sign-in in the tab's session
     * storage, which lives as long as the tab), the others closed, no key held down, every cookie (the API's and the
     * sign-in server's, both on 127.0.0.1) and the HTTP cache cleared, and the other storage of the origins in the
     * tabs' history (the last 50 pages of each: the web UI's and the sign-in server's), at the first window size.
     * Not cleared: the profile's settings, which no test changes.
     * @return false if the browser did not answer as expected
     */
    private static boolean reset(Chromium chromium) {
        ChromeDriver driver = chromium.driver;
        try {
            List<String> tabs = new ArrayList<>(driver.getWindowHandles());
            Set<String> origins = new LinkedHashSet<>();
            for (String tab : tabs) {
                driver.switchTo().window(tab);
                try {
                    driver.switchTo().alert().dismiss();
                } catch (NoAlertPresentException none) {
                    // the usual case
                }
                origins.addAll(originsShown(driver));
            }
            String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            for (String tab : tabs) {
                driver.switchTo().window(tab).close();
            }
            driver.switchTo().window(fresh);
            // axe's registration belonged to the closed tab
            chromium.axeOnEveryPage = false;
            driver.resetInputState();
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            for (String origin : origins) {
                driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
            }
            driver.manage().window().setSize(chromium.firstSize);
            return true;
        } catch (WebDriverException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The origins of the pages in the window's history. */
    @SuppressWarnings("unchecked")
    private static Set<String> originsShown(ChromeDriver driver) {
        Set<String> origins = new LinkedHashSet<>();
        Map<String, Object> history = driver.executeCdpCommand("Page.getNavigationHistory", Map.of());
        for (Map<String, Object> entry : (List<Map<String, Object>>) history.get("entries")) {
            URI url = URI.create((String) entry.get("url"));
            if ("http".equals(url.getScheme()) || "https".equals(url.getScheme())) {
                origins.add(url.getScheme() + "://" + url.getRawAuthority());
            }
        }
        return origins;
    }

    private static synchronized void quitAll() {
        for (Chromium chromium : new ArrayList<>(STARTED)) {
            quit(chromium);
        }
    }

    private static void quit(Chromium chromium) {
        STARTED.remove(chromium);
        try {
            chromium.driver.quit();
        } catch (WebDriverException e) {
            // already gone
        }
        deleteQuietly(chromium.profile);
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind costs nothing
        }
    }
}
