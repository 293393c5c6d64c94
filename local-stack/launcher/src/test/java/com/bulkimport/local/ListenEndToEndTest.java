package com.bulkimport.local;

import com.bulkimport.cli.BulkImportCli;
import com.bulkimport.cli.BulkImportCliDriver;
import com.bulkimport.local.embedded.FreePorts;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./bulk-import listen} against a running stack, as alice (tenant acme): the worker's real, signed
 * deliveries to the CLI's receiver, forged requests, a redelivery, and the webhook's removal when the command stops
 * (in-process by an interrupt, and in a JVM of its own by Ctrl-C's SIGINT and its shutdown hook).
 * Restaurants with external ids LSN-* only.
 */
class ListenEndToEndTest extends RunningStackTest {

    static final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** {@code listen} running, once its webhook is registered. */
    private static BulkImportCliDriver.Running listen(int port, String... options) {
        List<String> args = new ArrayList<>(List.of("listen", "--port", String.valueOf(port)));
        args.addAll(List.of(options));
        BulkImportCliDriver.Running listen = BulkImportCliDriver.start(withApi(args.toArray(String[]::new)));
        await().atMost(Duration.ofSeconds(30)).until(() -> listen.stderr().contains("; Ctrl-C stops") || !listen.isRunning());
        assertThat(listen.isRunning()).as(listen.stderr()).isTrue();
        return listen;
    }

    /** The job id of an import of {@code csv}, finished. */
    private String importRestaurants(String name, String csv) throws IOException {
        Path file = Files.writeString(dir.resolve(name), csv);
        BulkImportCliDriver.Result imported = cli("import", file.toString(), "--kind", "restaurants", "--json");
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.json().path("status").asString()).isEqualTo("COMPLETED");
        return imported.json().path("job_id").asString();
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(System.lineSeparator()));
    }

    private static void awaitLines(BulkImportCliDriver.Running listen, int count) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lines(listen.stdout())).hasSize(count));
    }

    /** The tenant's webhooks, as GET /api/webhooks lists them. */
    private static List<JsonNode> webhooks() {
        JsonHttp.Response list = http.get("/api/webhooks?size=100");
        assertThat(list.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        list.json().path("items").forEach(items::add);
        return items;
    }

    private static JsonNode webhookAt(int port) {
        return webhooks().stream().filter(w -> w.path("url").asString().equals("http://127.0.0.1:" + port + "/"))
                .findFirst().orElseThrow();
    }

    private static List<JsonNode> deliveries(String webhook) {
        List<JsonNode> items = new ArrayList<>();
        http.get("/api/webhooks/" + webhook + "/deliveries?size=100").json().path("items").forEach(items::add);
        return items;
    }

    /** When the outbox says the job's event of this type (and record aggregate, for a record event) happened. */
    private static String time(String job, String type, String aggregateId) {
        String timestamp = jdbc.sql("SELECT payload ->> 'timestamp' FROM outbox_events WHERE type = :type"
                        + " AND payload #>> '{payload,job_id}' = :job AND (:aggregate = '' OR aggregateid = :aggregate)")
                .param("type", type).param("job", job).param("aggregate", aggregateId).query(String.class).single();
        return Instant.parse(timestamp).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static long restaurant(String externalId) {
        return jdbc.sql("SELECT id FROM restaurants WHERE tenant = 'acme' AND external_id = :id")
                .param("id", externalId).query(Long.class).single();
    }

    private static int post(int port, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void listenPrintsEachEventOnceRefusesForgeriesAndRemovesItsWebhookWhenStopped() throws Exception {
        int port = FreePorts.find();
        BulkImportCliDriver.Running listen = listen(port, "--events", "RESTAURANT_*,IMPORT_JOB_*");
        JsonNode webhook = webhookAt(port);
        String webhookId = webhook.path("id").asString();
        assertThat(listen.stderr()).isEqualTo("listening on http://127.0.0.1:" + port + "/ for RESTAURANT_*,"
                + " IMPORT_JOB_* (webhook " + webhookId + "); Ctrl-C stops" + System.lineSeparator());
        assertThat(webhook.path("description").asString()).startsWith("bulk-import listen session on ")
                .contains(", pid " + ProcessHandle.current().pid() + " ");
        assertThat(webhook.path("event_types").toString()).isEqualTo("[\"RESTAURANT_*\",\"IMPORT_JOB_*\"]");

        // signed, but with another secret; and not signed at all
        String forgedBody = "{\"event_type\":\"RESTAURANT_CREATED\",\"payload\":{\"record_id\":666}}";
        long now = Instant.now().getEpochSecond();
        String forgedSignature = new Webhook("whsec_" + Base64.getEncoder().encodeToString(new byte[24]))
                .sign("msg_forged", now, forgedBody);
        assertThat(post(port, Map.of("webhook-id", "msg_forged", "webhook-timestamp", String.valueOf(now),
                "webhook-signature", forgedSignature), forgedBody)).isEqualTo(401);
        assertThat(post(port, Map.of(), forgedBody)).isEqualTo(401);

        String job = importRestaurants("listen.csv", "external_id,name,city\nLSN-1,Tasca Um,Lisbon\n"
                + "LSN-2,Tasca Dois,Porto\nLSN-3,Tasca Tres,Faro\n");

        awaitLines(listen, 6);
        String shortJob = job.substring(0, 8) + "…";
        List<String> expected = new ArrayList<>(List.of(
                time(job, "IMPORT_JOB_CREATED", "") + " IMPORT_JOB_CREATED job " + job + " restaurants listen.csv",
                time(job, "IMPORT_JOB_STARTED", "") + " IMPORT_JOB_STARTED job " + job + " restaurants",
                time(job, "IMPORT_JOB_COMPLETED", "") + " IMPORT_JOB_COMPLETED job " + job + " restaurants COMPLETED:"
                        + " 3 rows — 3 created, 0 updated, 0 unchanged, 0 duplicates, 0 errors"));
        for (String externalId : List.of("LSN-1", "LSN-2", "LSN-3")) {
            long id = restaurant(externalId);
            expected.add(time(job, "RESTAURANT_CREATED", String.valueOf(id)) + " RESTAURANT_CREATED restaurant " + id
                    + " (" + externalId + ") job " + shortJob);
        }
        assertThat(lines(listen.stdout())).containsExactlyInAnyOrderElementsOf(expected);

        // the same webhook-id again, from the worker itself: acknowledged, not printed twice
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(webhookId).stream()
                .allMatch(d -> d.path("status").asString().equals("DELIVERED")));
        JsonNode completed = deliveries(webhookId).stream()
                .filter(d -> d.path("event_type").asString().equals("IMPORT_JOB_COMPLETED")).findFirst().orElseThrow();
        assertThat(http.post("/api/webhooks/" + webhookId + "/deliveries/" + completed.path("id").asString()
                + "/redeliver", null, null).status()).isEqualTo(202);
        Predicate<JsonNode> redelivered = d -> d.path("id").equals(completed.path("id"))
                && d.path("attempts").asInt() == 2 && d.path("status").asString().equals("DELIVERED");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(webhookId).stream().anyMatch(redelivered));
        assertThat(deliveries(webhookId)).allSatisfy(d -> assertThat(d.path("response_code").asInt()).isEqualTo(204));

        BulkImportCliDriver.Result stopped = listen.stop();

        assertThat(stopped.exitCode()).isZero();
        assertThat(lines(stopped.stdout())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines(stopped.stderr())).containsExactly(
                "listening on http://127.0.0.1:" + port + "/ for RESTAURANT_*, IMPORT_JOB_* (webhook " + webhookId
                        + "); Ctrl-C stops",
                "warning: refused a delivery from 127.0.0.1 (webhook-id msg_forged): no v1 signature matches this"
                        + " session's secret",
                "warning: refused a delivery from 127.0.0.1 (webhook-id none): webhook-id, webhook-timestamp or"
                        + " webhook-signature missing",
                "removed webhook " + webhookId);
        assertThat(webhooks()).noneMatch(w -> w.path("id").asString().equals(webhookId));
        assertThat(http.get("/api/webhooks/" + webhookId).status()).isEqualTo(404);
    }

    @Test
    void jsonPrintsEachEnvelopeAsDeliveredOnALine() throws Exception {
        int port = FreePorts.find();
        BulkImportCliDriver.Running listen = listen(port, "--events", "RESTAURANT_CREATED", "--json");
        String webhookId = webhookAt(port).path("id").asString();

        String job = importRestaurants("json.csv", "external_id,name,city\nLSN-J1,Casa Um,Braga\nLSN-J2,Casa Dois,Braga\n");

        awaitLines(listen, 2);
        BulkImportCliDriver.Result stopped = listen.stop();
        List<JsonNode> printed = lines(stopped.stdout()).stream().map(JsonHttp.JSON::readTree).toList();
        List<JsonNode> outbox = jdbc.sql("SELECT payload::text FROM outbox_events WHERE type = 'RESTAURANT_CREATED'"
                + " AND payload #>> '{payload,job_id}' = :job").param("job", job).query(String.class).list()
                .stream().map(JsonHttp.JSON::readTree).toList();
        assertThat(printed).containsExactlyInAnyOrderElementsOf(outbox).hasSize(2);
        assertThat(stopped.stderr()).endsWith("removed webhook " + webhookId + System.lineSeparator());
        assertThat(webhooks()).noneMatch(w -> w.path("id").asString().equals(webhookId));
    }

    @Test
    void anEventPatternTheApiRefusesExits1WithItsWordsAndRegistersNothing() throws Exception {
        int port = FreePorts.find();

        BulkImportCliDriver.Result refused = cli("listen", "--port", String.valueOf(port), "--events",
                "RESTAURANT_*,SPACESHIP_*");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("error: The request is not valid: event_types: 'SPACESHIP_*' is not"
                + " an event type, PREFIX_* or *; known types: IMPORT_JOB_CREATED, ");
        assertThat(refused.stdout()).isEmpty();
        assertThat(webhooks()).noneMatch(w -> w.path("url").asString().contains(":" + port + "/"));
        // the port is free again
        new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
    }

    @Test
    void ctrlCRemovesTheWebhook() throws Exception {
        int port = FreePorts.find();
        Path stderr = dir.resolve("listen.err");
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), BulkImportCli.class.getName(),
                "listen", "--port", String.valueOf(port), "--api", stack.apiUrl())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("listen.out").toFile());
        java.environment().keySet().removeIf(name -> name.startsWith("BULKIMPORT_") || name.equals("JAVA_TOOL_OPTIONS"));
        Process listen = java.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stderr).contains("; Ctrl-C stops")
                    || !listen.isAlive());
            String webhookId = webhookAt(port).path("id").asString();
            // a JVM leaves a signal ignored that it inherited ignored (a background job's SIGINT): TERM then
            String signal = UpProcess.ignoredHere(2) ? "TERM" : "INT";
            assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(listen.pid())).start().waitFor()).isZero();

            assertThat(listen.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(stderr)).endsWith("removed webhook " + webhookId + System.lineSeparator());
            assertThat(webhooks()).noneMatch(w -> w.path("id").asString().equals(webhookId));
        } finally {
            listen.destroyForcibly();
        }
    }
}
