package com.bulkimport.api.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Where the relay's and the worker's admin endpoints live, as the API reaches them (inside the
 * network: they are never published themselves). Unset means the web UI's admin pages say so.
 */
@ConfigurationProperties("bulkimport.operations")
record OperationsProperties(URI relayUrl, URI workerUrl, Duration timeout) {

    OperationsProperties {
        relayUrl = blank(relayUrl) ? null : relayUrl;
        workerUrl = blank(workerUrl) ? null : workerUrl;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    private static boolean blank(URI uri) {
        return uri == null || uri.toString().isBlank();
    }
}
