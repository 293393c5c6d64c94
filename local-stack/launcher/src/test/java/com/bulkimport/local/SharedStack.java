package com.bulkimport.local;

import com.bulkimport.local.embedded.LocalInfra;

import java.util.Map;

/**
 * The local stack the end-to-end and browser test classes of one test JVM share: started by the first class that
 * needs it, closed when the JVM ends. A stack took 10 to 45 s to start on two busy processors, and one per class was
 * a fifth of this module's time. So the classes that use it clean up, or name, the records they count (acme's
 * restaurants: {@code ZomatoEndToEndTest} and {@code WebUiBrowserTest} delete them first; customers by a prefix of
 * their own), and a class that stops one of its services ({@code JobControlEndToEndTest} holds back the relay and
 * the worker's consumer) starts it again before it ends.
 *
 * <p>Its settings are what those classes need together: the worker and the relay quick to pick up work (short queue
 * waits and polls); files from 1 MB on (zomato.csv) go up in parts of 5 MiB (S3's smallest), the smaller ones in one
 * PUT; the relay says what it published (DEBUG, which {@code JobLogsEndToEndTest} reads); no per-tenant window, so that
 * batches {@code JobControlEndToEndTest} holds in the outbox for an hour take no place a later batch needs; and a
 * failed batch tried again at once.
 */
public final class SharedStack {

    private static final Map<String, String> SETTINGS = Map.of("bulkimport.worker.wait-time", "1s",
            "bulkimport.relay.poll-interval", "50ms", "bulkimport.s3.multipart.threshold", "1MB",
            "bulkimport.s3.multipart.part-size", "5MB",
            "logging.level.com.bulkimport.relay.outbox.OutboxRelay", "DEBUG",
            "bulkimport.fairness.batches-per-tenant", "0", "bulkimport.worker.retry-backoff", "0s");

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            LocalInfra infra = LocalInfra.shared();
            LocalStack started = LocalStack.start(infra, LocalStack.Ports.ANY, SETTINGS);
            // stopped with the servers when the JVM exits, before them (LocalStack.close is idempotent)
            infra.closeFirst(started::close);
            stack = started;
        }
        return stack;
    }
}
