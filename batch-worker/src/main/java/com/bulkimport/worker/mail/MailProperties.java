package com.bulkimport.worker.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param enabled      send mail from this instance
 * @param transport    {@code smtp} (Spring's mail support, {@code spring.mail.*}) or {@code ses} (SES API v2 with the
 *                     task role's credentials)
 * @param from         the sender address (on AWS, an address of the verified SES identity)
 * @param baseUrl      where the web UI and the API are, for the links in the mail
 * @param pollInterval how often pending mail is looked for
 * @param maxPerRun    mails one run sends at most, so a slow server never keeps the run going for long
 * @param maxAttempts  sends before a mail is given up (FAILED)
 * @param retryDelay   the wait after the first failed send, doubled after each next one
 */
@ConfigurationProperties("bulkimport.mail")
record MailProperties(boolean enabled, String transport, String from, String baseUrl, Duration pollInterval,
                      int maxPerRun, int maxAttempts, Duration retryDelay) {

    MailProperties {
        transport = transport == null || transport.isBlank() ? "smtp" : transport.trim().toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals("smtp") && !transport.equals("ses")) {
            throw new IllegalArgumentException("bulkimport.mail.transport must be smtp or ses, not " + transport);
        }
        from = from == null || from.isBlank() ? "bulk-import@localhost" : from;
        baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        maxPerRun = maxPerRun <= 0 ? 100 : maxPerRun;
        maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
        retryDelay = retryDelay == null ? Duration.ofMinutes(1) : retryDelay;
    }
}
