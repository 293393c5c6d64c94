package com.bulkimport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code listen [--events PATTERNS] [--json] [--port N]}: the tenant's events as they happen, through a webhook
 * of its own to a receiver on 127.0.0.1 (README, "Watching events"). It runs until Ctrl-C (a shutdown hook) or,
 * in-process, until its thread is interrupted; either way the webhook is removed.
 */
final class ListenCommand {

    static final String HELP = """
            usage: ./bulk-import listen [--events 'RESTAURANT_*,IMPORT_JOB_*'] [--json] [--port N]

            Prints this tenant's events as the worker delivers them, one line each, until Ctrl-C:
              2026-12-04T03:20:01Z RESTAURANT_CREATED restaurant 42 (R-1001) job 7f3a09c2…
              2026-12-04T03:20:02Z IMPORT_JOB_COMPLETED job 7f3a09c2-… restaurants COMPLETED: 1 rows — 1 created, ...
            It registers a temporary webhook to a receiver on 127.0.0.1 (removed again when it stops), checks every
            delivery's signature (a bad one is answered 401 and reported on stderr) and prints a retried delivery
            (same webhook-id) once. The API must be allowed to deliver to this machine: a local stack is.

              --events P,P   event types, PREFIX_* or * (default *)
              --json         each event's envelope as it arrived, one JSON object per line
              --port N       receive on this port (default: any free one)
              --api, --user, --token as for every command (./bulk-import --help)
            """;

    private final ApiClient api;
    private final PrintStream out;
    private final PrintStream err;

    ListenCommand(ApiClient api, PrintStream out, PrintStream err) {
        this.api = api;
        this.out = out;
        this.err = err;
    }

    int run(Args args) throws IOException {
        if (args.flag("--help") || args.flag("-h")) {
            out.print(HELP);
            return 0;
        }
        List<String> events = Arrays.stream(args.optional("--events").orElse("*").split(","))
                .map(String::strip).filter(pattern -> !pattern.isEmpty()).toList();
        if (events.isEmpty()) {
            throw new UsageError("--events takes event types, PREFIX_* or *, separated by commas");
        }
        int port = args.optional("--port").map(ListenCommand::port).orElse(0);
        Consumer<String> print = args.flag("--json") ? body -> out.println(oneLine(body)) : this::printLine;
        DeliveryReceiver receiver;
        try {
            receiver = DeliveryReceiver.start(port, print, err);
        } catch (BindException e) {
            throw new ApiError("cannot receive on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        try (receiver) {
            String url = "http://127.0.0.1:" + receiver.port() + "/";
            TemporaryWebhook webhook = TemporaryWebhook.register(api, url, events, description(), err);
            receiver.verifyWith(new WebhookSignature(webhook.secret(), Clock.systemUTC()));
            err.println("listening on " + url + " for " + String.join(", ", events) + " (webhook " + webhook.id()
                    + "); Ctrl-C stops");
            untilStopped(() -> {
                // the webhook first: nothing is sent to a receiver that is about to go
                webhook.close();
                receiver.close();
            });
        }
        return 0;
    }

    /**
     * Blocks until the thread is interrupted (then runs {@code stop} and keeps the interrupt for the caller) or the
     * JVM shuts down (Ctrl-C: a shutdown hook runs {@code stop}, which must therefore tolerate running twice).
     */
    private static void untilStopped(Runnable stop) {
        Thread hook = new Thread(stop, "listen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // clean up first (an interrupted thread's HTTP call would fail), then keep the flag
            interrupted = true;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook does the same work
            }
            stop.run();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void printLine(String body) {
        try {
            out.println(EventLine.of(ApiClient.JSON.readTree(body)));
        } catch (RuntimeException e) {
            // signed by our webhook yet not an envelope: show it rather than lose it
            out.println(oneLine(body));
        }
    }

    /** JSON allows a raw line break only between tokens, so a space in its place changes nothing. */
    private static String oneLine(String json) {
        return json.strip().replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new UsageError("--port takes a port number (1..65535), got '" + value + "'");
    }

    /** Whose session this is, for whoever lists the tenant's webhooks meanwhile (or finds one a kill -9 left). */
    private static String description() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown host");
        }
        return "bulk-import listen session on " + host + ", pid " + ProcessHandle.current().pid()
                + " (removed when it stops)";
    }
}
