package com.bulkimport.local;

import com.bulkimport.local.embedded.LocalInfra;
import com.bulkimport.local.embedded.PostgresServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * {@code ./bulk-import up}: the servers and the three services on this machine, until Ctrl-C.
 * Data lives under {@code --data-dir} (default {@code .data}), so jobs and uploads survive a restart.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    /**
     * The terminal shows the addresses and "ready", then what goes wrong: the embedded servers' and the
     * services' start-up chatter stays out (BULKIMPORT_LOG_LEVEL=INFO brings it back). The servers log
     * before any Spring context exists, so logback is told directly; the contexts read the system property.
     */
    private static void quietLogs(String level) {
        System.setProperty("logging.level.root", level);
        // springdoc warns on every start that its endpoints are on: they are meant to be, here
        System.setProperty("logging.level.org.springdoc.core.events", "ERROR");
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.toLevel(level));
            // Ctrl-C while ElasticMQ starts: its actor system cannot add a JVM hook any more, and says so; ours stops it
            logback.getLogger("org.apache.pekko.actor.CoordinatedShutdown").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    public static void main(String[] args) throws Exception {
        quietLogs(System.getenv().getOrDefault("BULKIMPORT_LOG_LEVEL", "WARN"));
        Path dataDir = Path.of(option(args, "--data-dir", ".data"));
        UpPorts ports;
        try {
            ports = UpPorts.from(System.getenv());
            DataDirectoryLock.acquire(dataDir);
            LeftoverPostgres.stopIfRunning(dataDir.resolve("postgres"));
            ports.requireFree();
        } catch (AlreadyRunning | PortsInUse | IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        long started = System.nanoTime();
        StartedSoFar running = new StartedSoFar();
        // before the first server starts: a signal at any moment from here stops whatever is up
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping...");
            running.stopAll();
            System.out.println("stopped");
        }, "local-stack-stop"));
        System.out.println("starting PostgreSQL, ElasticMQ (SQS), S3Proxy (S3), the PutEvents endpoint and GreenMail (SMTP, IMAP)...");
        LocalInfra infra;
        LocalStack stack;
        try {
            // a developer's imports live here across restarts: a crash of the machine must not corrupt them
            infra = running.start(() -> LocalInfra.start(dataDir, ports.infra(), PostgresServer.Durability.DURABLE));
            // a short long-poll keeps Ctrl-C quick; an idle local queue costs nothing either way
            stack = running.start(() -> LocalStack.start(infra, ports.services(),
                    Map.of("bulkimport.worker.wait-time", "2s")));
            awaitHealthy(stack.apiManagementUrl(), stack.relayManagementUrl(), stack.workerManagementUrl(), stack.authUrl());
        } catch (CancellationException e) {
            return; // a signal came while starting: the shutdown hook stops what did start
        } catch (Exception e) {
            System.err.println("bulk-import up could not start:");
            e.printStackTrace();
            System.exit(1); // the shutdown hook stops what did start
            return;
        }
        System.out.println();
        System.out.println("  web UI and API   " + stack.apiUrl() + "   (API under /api/imports)");
        System.out.println("  API health       " + stack.apiManagementUrl() + "/actuator/health");
        System.out.println("  relay health     " + stack.relayManagementUrl() + "/actuator/health");
        System.out.println("  worker health    " + stack.workerManagementUrl() + "/actuator/health");
        System.out.println("  sign-in (OIDC)   " + stack.authUrl() + "   users alice, carol (tenant acme), bob (globex),"
                + " admin; ./bulk-import token alice prints a token");
        System.out.println("  OpenAPI          " + stack.apiUrl() + "/swagger-ui.html");
        System.out.println("  PostgreSQL       " + infra.postgres().jdbcUrl() + " (user postgres)");
        System.out.println("  SQS (ElasticMQ)  " + infra.sqs().endpoint() + "   work queue " + infra.workQueueUrl());
        System.out.println("  S3 (S3Proxy)     " + infra.s3().endpoint() + "   bucket " + LocalInfra.BUCKET);
        System.out.println("  EventBridge      " + infra.events().endpoint() + "   bus " + infra.rules().busName());
        System.out.println("  mail (GreenMail) smtp://" + infra.mail().host() + ":" + infra.mail().smtpPort()
                + "   read it: imap://" + infra.mail().host() + ":" + infra.mail().imapPort()
                + ", user = the recipient address, any password");
        System.out.println("  data directory   " + dataDir.toAbsolutePath());
        System.out.printf("%nready in %.1f s — import a file with ./bulk-import import FILE --kind KIND; Ctrl-C stops%n",
                (System.nanoTime() - started) / 1e9);
        Thread.currentThread().join();
    }

    private static void awaitHealthy(String... bases) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String base : bases) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                        break;
                    }
                } catch (java.io.IOException e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(base + " did not become healthy within 60 s");
                }
                Thread.sleep(200);
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
