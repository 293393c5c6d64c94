package com.bulkimport.local.web;

import com.bulkimport.local.LocalStack;
import com.bulkimport.local.embedded.LocalInfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Steps every browser test takes the same way: the stack, sign in, upload a file to the new-import form, find the job. */
final class UiSteps {

    private UiSteps() {
    }

    /**
     * The whole local stack, its worker and relay quick to pick up work (short queue waits and polls); files from
     * 1 MB on (zomato.csv) go up through the web UI's multipart upload in parts of 5 MiB (S3's smallest), the
     * smaller ones in one PUT.
     */
    static LocalStack startStack() {
        return LocalStack.start(LocalInfra.shared(), LocalStack.Ports.ANY, Map.of("bulkimport.worker.wait-time", "1s",
                "bulkimport.relay.poll-interval", "50ms", "bulkimport.s3.multipart.threshold", "1MB",
                "bulkimport.s3.multipart.part-size", "5MB"));
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
