package com.bulkimport.local.web;

import java.nio.file.Path;
import java.time.Duration;

/** Steps every browser test takes the same way: sign in, upload a file to the new-import form, find the job. */
final class UiSteps {

    private UiSteps() {
    }

    static Browser signedIn(String apiUrl, String user) {
        Browser browser = Browser.open();
        browser.go(apiUrl + "/");
        browser.click("#sign-in");
        browser.signInOnLoginPage(user, user + "-local");
        browser.awaitText("#who-name", Duration.ofSeconds(20), text -> text.startsWith(user), "signed in as " + user);
        return browser;
    }

    static String jobIdFromAddress(Browser browser) {
        String address = browser.waitFor(Duration.ofSeconds(20),
                d -> d.getCurrentUrl().matches(".*#/imports/[0-9a-f-]{36}$") ? d.getCurrentUrl() : null, "the job page");
        return address.substring(address.lastIndexOf('/') + 1);
    }

    static void uploadAndSample(Browser browser, String kind, Path file) {
        browser.select("#kind", kind);
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.awaitText("#chosen-file", Duration.ofSeconds(10), text -> text.contains(file.getFileName().toString()),
                "the chosen file");
        browser.click("#upload");
        browser.find("#mapping");
    }
}
