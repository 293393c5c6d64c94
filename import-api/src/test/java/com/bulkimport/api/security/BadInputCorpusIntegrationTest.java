package com.bulkimport.api.security;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.local.embedded.testkit.Multipart;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a thousand generated malformed requests, each wrong in at least one way that must refuse it:
 * wrong types, huge and negative numbers, NULs and odd Unicode, injection strings in every path and
 * query parameter, body field and header, wrong media types, truncated and broken bodies. None may
 * get a 5xx or leak Java or SQL, and the database must be exactly as it was.
 */
class BadInputCorpusIntegrationTest extends ApiIntegrationTest {

    static final List<String> HOSTILE = List.of(
            "' OR '1'='1", "1; DROP TABLE import_jobs; --", "\" OR \"\"=\"", "admin'--", "1' UNION SELECT * FROM api_keys--",
            "%27%20OR%201=1", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "#{7*7}", "\u0000", "a\u0000b", "\uFEFF", "\u202Eevil",
            "\uD835\uDD4F\uD835\uDD50", "\u01C5", "\uD800", "\u03A9\u2248\u00E7", "\uD83E\uDD37\u200D\u2640\uFE0F",
            "line\r\nX-Injected: 1", "-1", "0", "99999999999999999999999999", "-9223372036854775809", "1e309", "NaN",
            "Infinity", "null", "true", "[]", "{}", "", " ", "%", "%zz", "x".repeat(20_000));

    /** JSON values of every wrong type and size for body fields. */
    static final List<Object> WRONG_VALUES = List.of(-1, 0, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -1e308, 3.5, true,
            false, List.of(), List.of(1, 2), Map.of(), Map.of("a", Map.of("b", List.of())), "x".repeat(20_000),
            "\u0000", "' OR 1=1 --", "\uD800", "", " ");

    private record Probe(String name, Supplier<JsonHttp.Response> send) {
    }

    @Test
    void noMalformedRequestGetsA5xxOrLeaksOrChangesAnything() {
        String ownJob = new com.bulkimport.api.support.Fixtures(jdbc).job(TestUser.ALICE, "COMPLETED");
        ApiHttp alice = http();
        ApiHttp admin = http(TestUser.ADMIN);
        UUID formulaHeaderJob = formulaHeaderJob();
        // uploaded before the snapshot: sampling them changes nothing
        Map<String, byte[]> hostileFiles = new LinkedHashMap<>();
        hostileFiles.put("a gzip bomb of one repeated row", gzipped("id,name\n", "R1,Same\n", 256L << 20));
        hostileFiles.put("a gzip bomb of one endless record", gzipped("id,name\nR1,", "x", 256L << 20));
        hostileFiles.put("a gzip bomb of one endless header", gzipped("id,", "h", 256L << 20));
        hostileFiles.put("records just under the sample's record limit",
                gzipped("id,text\n", "r," + "y".repeat(1_000_000) + "\n", 64L << 20));
        hostileFiles.put("a number of five million digits", ("id,name,latitude\nR1,A," + "7".repeat(5_000_000) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        Map<String, String> hostileUploads = new LinkedHashMap<>();
        hostileFiles.forEach((name, file) -> hostileUploads.put(name, uploaded(alice, file)));
        // a tenant at its webhook limit: every webhook probe below is refused by a check or by the limit, so none
        // can create one, and the 21st valid registration is a probe of its own
        TestUser full = TestUser.named("corpus-" + java.util.UUID.randomUUID(), "corpus-" + java.util.UUID.randomUUID());
        ApiHttp fullTenant = http(full);
        for (int i = 0; i < 20; i++) {
            assertThat(fullTenant.postJson("/api/webhooks", Map.of("url", Fixtures.WEBHOOK_URL,
                    "event_types", List.of("*"))).status()).isEqualTo(201);
        }
        String ownWebhook = fullTenant.get("/api/webhooks?size=1").json().path("items").get(0).path("id").asString();
        Map<String, String> before = snapshot();
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("errors.csv of a file whose own header holds formulas",
                () -> alice.get("/api/imports/" + formulaHeaderJob + "/errors.csv")));
        hostileUploads.forEach((name, jobId) -> probes.add(new Probe("sample of " + name,
                () -> alice.get("/api/imports/" + jobId + "/sample"))));
        // numbers no field takes, as defaults of a real kind: refused, so no job comes of them
        for (String number : List.of("45%", "$12.50", "12,50 \u20ac", "#DIV/0!", "#N/A", "-inf", "1e99999", "1,23",
                "12,34,5", "1.2.3", "(12.50", "0x1F", "1_000", "7".repeat(65), "0." + "1".repeat(9_000),
                "1e" + "9".repeat(9_000), "\u0661\u0662")) {
            for (String field : List.of("latitude", "votes", "average_cost_for_two")) {
                Map<String, Object> create = new LinkedHashMap<>(Map.of("kind", "restaurants", "file_name", "f.csv",
                        "content_length", 10, "options", Map.of("defaults", Map.of(field, number))));
                probes.add(new Probe("POST /api/imports defaults." + field + "=" + clip(number),
                        () -> alice.postJson("/api/imports", create)));
                Map<String, Object> inline = Map.of("kind", "restaurants", "rows", List.of(Map.of("name", "A")),
                        "options", Map.of("defaults", Map.of(field, number)));
                probes.add(new Probe("POST /api/imports/rows defaults." + field + "=" + clip(number),
                        () -> alice.postJson("/api/imports/rows", inline)));
            }
        }
        for (String number : List.of("3.5", "2147483648", "-1", "1e10")) {
            probes.add(new Probe("POST /api/imports defaults.votes=" + number, () -> alice.postJson("/api/imports",
                    Map.of("kind", "restaurants", "file_name", "f.csv", "content_length", 10,
                            "options", Map.of("defaults", Map.of("votes", number))))));
        }

        probes.add(new Probe("POST /api/webhooks beyond the tenant's limit", () -> fullTenant.postJson("/api/webhooks",
                Map.of("url", Fixtures.WEBHOOK_URL, "event_types", List.of("RESTAURANT_*")))));
        for (String url : List.of("https://127.0.0.1/", "https://10.0.0.1/", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/", "https://localhost/", "http://198.51.100.7/", "https://[::ffff:127.0.0.1]/",
                "https://0.0.0.0/", "https://2130706433/", "https://[fd00:ec2::254]/", "gopher://198.51.100.7/",
                "file:///etc/passwd", "https://198.51.100.7:0/", "https://198.51.100.7:99999/")) {
            probes.add(new Probe("POST /api/webhooks url=" + url, () -> alice.postJson("/api/webhooks",
                    Map.of("url", url, "event_types", List.of("*")))));
        }
        for (String field : List.of("url", "event_types", "description", "enabled")) {
            List<Object> values = new ArrayList<>(WRONG_VALUES);
            values.addAll(HOSTILE);
            values.add(List.of("ORDER_*"));
            values.add(List.of("*_CREATED"));
            values.add(java.util.Collections.nCopies(51, "*"));
            for (Object value : values) {
                Map<String, Object> body = new LinkedHashMap<>(Map.of("url", Fixtures.WEBHOOK_URL,
                        "event_types", List.of("*")));
                body.put(field, value);
                probes.add(new Probe("POST /api/webhooks " + field + "=" + clip(String.valueOf(value)),
                        () -> fullTenant.postJson("/api/webhooks", body)));
                // beside an unknown type, so that no PATCH of these can succeed
                Map<String, Object> patch = new LinkedHashMap<>(Map.of("event_types", List.of("NOT_A_TYPE")));
                patch.put(field, value);
                probes.add(new Probe("PATCH /api/webhooks/{id} " + field + "=" + clip(String.valueOf(value)),
                        () -> fullTenant.send(fullTenant.request("/api/webhooks/" + ownWebhook)
                                .header("Content-Type", "application/json").method("PATCH",
                                        HttpRequest.BodyPublishers.ofString(JsonHttp.JSON.writeValueAsString(patch))))));
            }
        }
        for (Object value : WRONG_VALUES) {
            probes.add(new Probe("PUT /api/me/notifications email=" + clip(String.valueOf(value)),
                    () -> alice.send(alice.request("/api/me/notifications").header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JsonHttp.JSON.writeValueAsString(
                                    Map.of("email", List.of(value, "x@"))))))));
        }
        for (String value : HOSTILE) {
            probes.add(new Probe("PUT /api/me/notifications email=" + clip(value),
                    () -> alice.send(alice.request("/api/me/notifications").header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JsonHttp.JSON.writeValueAsString(
                                    Map.of("email", List.of(value))))))));
        }

        List<String> jobPaths = List.of("GET /api/imports/%s", "POST /api/imports/%s/start", "POST /api/imports/%s/confirm",
                "POST /api/imports/%s/cancel", "POST /api/imports/%s/pause", "POST /api/imports/%s/resume",
                "POST /api/imports/%s/retry", "GET /api/imports/%s/sample",
                "GET /api/imports/%s/errors", "GET /api/imports/%s/errors.csv", "GET /api/restaurants/%s",
                "GET /api/restaurants/%s/menu", "GET /api/customers/%s/purchases", "GET /api/templates/%s",
                "DELETE /api/admin/api-keys/%s", "GET /api/import/status/%s", "GET /api/import/list/%s",
                "GET /api/webhooks/%s", "DELETE /api/webhooks/%s", "POST /api/webhooks/%s/test",
                "POST /api/webhooks/%s/rotate-secret", "GET /api/webhooks/%s/deliveries",
                "POST /api/webhooks/%s/deliveries/%<s/redeliver", "GET /api/mappings/%s", "DELETE /api/mappings/%s");
        for (String template : jobPaths) {
            String method = template.substring(0, template.indexOf(' '));
            String path = template.substring(template.indexOf(' ') + 1);
            for (String value : HOSTILE) {
                String url = path.formatted(encode(value));
                probes.add(new Probe(method + " " + url, () -> (method.equals("DELETE") ? admin : alice)
                        .send(alice.request(url).method(method, HttpRequest.BodyPublishers.noBody()))));
            }
        }
        Map<String, List<String>> queries = new LinkedHashMap<>();
        queries.put("/api/imports", List.of("page", "size"));
        queries.put("/api/imports/" + ownJob + "/errors", List.of("page", "size", "code"));
        queries.put("/api/restaurants", List.of("city", "cuisine", "page", "size"));
        queries.put("/api/products", List.of("q", "barcode", "sku", "page", "size"));
        queries.put("/api/admin/api-keys", List.of("tenant", "page", "size"));
        queries.put("/api/import/list/store-1", List.of("page", "size"));
        queries.put("/api/webhooks", List.of("page", "size"));
        queries.put("/api/mappings", List.of("kind"));
        queries.forEach((path, parameters) -> parameters.forEach(parameter -> HOSTILE.forEach(value -> {
            String url = path + "?" + parameter + "=" + encode(value);
            probes.add(new Probe("GET " + url, () -> (path.startsWith("/api/admin") ? admin : alice).get(url)));
        })));

        // create bodies: every field wrong in every way; the kind stays unknown unless it is the field under test
        List<String> fields = List.of("kind", "file_name", "content_length", "mode", "options", "options.batch_size",
                "options.encoding", "options.delimiter", "options.decimal_separator", "options.date_order", "options.time_zone",
                "options.column_mapping",
                "options.defaults", "options.atomic", "options.notify", "options.notify.email");
        for (String field : fields) {
            List<Object> values = new ArrayList<>(WRONG_VALUES);
            values.addAll(HOSTILE);
            for (Object value : values) {
                Map<String, Object> body = createBody(field, value);
                probes.add(new Probe("POST /api/imports " + field + "=" + clip(String.valueOf(value)),
                        () -> alice.postJson("/api/imports", body)));
            }
        }
        // named mappings: every field wrong in every way, beside an unknown kind, so that none is saved
        for (String field : List.of("name", "kind", "mapping")) {
            List<Object> values = new ArrayList<>(WRONG_VALUES);
            values.addAll(HOSTILE);
            for (Object value : values) {
                Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "probe", "kind", "spaceships",
                        "mapping", Map.of("X", "name")));
                body.put(field, value);
                probes.add(new Probe("POST /api/mappings " + field + "=" + clip(String.valueOf(value)),
                        () -> alice.postJson("/api/mappings", body)));
            }
        }
        for (Object value : WRONG_VALUES) {
            probes.add(new Probe("POST /api/imports/rows rows=" + clip(String.valueOf(value)),
                    () -> alice.postJson("/api/imports/rows", Map.of("kind", "customers", "rows", value))));
            probes.add(new Probe("POST /api/imports/rows row=" + clip(String.valueOf(value)), () -> alice.postJson(
                    "/api/imports/rows", Map.of("kind", "spaceships", "rows", List.of(Map.of("name", value))))));
        }
        for (String value : HOSTILE) {
            probes.add(new Probe("POST /api/imports/rows key=" + clip(value), () -> alice.postJson("/api/imports/rows",
                    Map.of("kind", "spaceships", "rows", List.of(Map.of(value, value))))));
            probes.add(new Probe("POST /api/admin/api-keys name=" + clip(value), () -> admin.postJson(
                    "/api/admin/api-keys", Map.of("tenant", "not a tenant!", "name", value))));
            probes.add(new Probe("POST /api/admin/api-keys tenant=" + clip(value), () -> admin.postJson(
                    "/api/admin/api-keys", Map.of("tenant", value + "!", "name", ""))));
            if (headerSafe(value)) {
                probes.add(new Probe("Idempotency-Key " + clip(value), () -> alice.with("Idempotency-Key", value)
                        .postJson("/api/imports", createBody("kind", "spaceships"))));
                probes.add(new Probe("X-Api-Key " + clip(value), () -> anonymous().with("X-Api-Key", value)
                        .get("/api/restaurants")));
                probes.add(new Probe("Authorization " + clip(value), () -> anonymous().with("Authorization",
                        "Bearer " + value).get("/api/imports")));
            }
        }
        // the seed's upload form, hostile in its values and its field names, and never complete: no job may come of it
        for (String value : HOSTILE) {
            probes.add(new Probe("upload merchant_id=" + clip(value), () -> alice.postMultipart("/api/import/purchases",
                    Multipart.form().field("merchant_id", value).field("batch_name", value))));
            // without merchant_id: a part without a name is skipped by the parser, so the form must be refused anyway
            probes.add(new Probe("upload field " + clip(value), () -> alice.postMultipart("/api/import/purchases",
                    Multipart.form().file("file", "p.csv", Fixtures.PURCHASES_CSV.getBytes(StandardCharsets.UTF_8))
                            .field(value, value))));
        }
        Multipart upload = Fixtures.purchaseForm("store-1");
        byte[] form = upload.bytes();
        // a prefix that keeps the closing "--boundary--" is a whole form: stop four bytes short of it
        for (int cut = 0; cut < form.length - ("--\r\n".length() + 4); cut += 5) {
            byte[] prefix = java.util.Arrays.copyOf(form, cut);
            probes.add(new Probe("truncated upload at " + cut, () -> alice.postBytes("/api/import/purchases",
                    upload.contentType(), prefix)));
        }
        // truncated bodies: every strict prefix of a valid create and of a valid inline import
        for (String valid : List.of(JsonHttp.JSON.writeValueAsString(Fixtures.createBody()),
                JsonHttp.JSON.writeValueAsString(Fixtures.inlineBody()))) {
            for (int cut = 0; cut < valid.length(); cut++) {
                String prefix = valid.substring(0, cut);
                String path = valid.contains("rows") ? "/api/imports/rows" : "/api/imports";
                probes.add(new Probe("truncated " + path + " at " + cut, () -> alice.postJson(path, prefix)));
            }
        }
        for (String type : List.of("text/plain", "application/xml", "text/csv", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/json; charset=klingon", "application/octet-stream",
                "*/*", "application/problem+json; q=x", "garbage")) {
            for (String path : List.of("/api/imports", "/api/imports/rows", "/api/admin/api-keys",
                    "/api/import/purchases")) {
                probes.add(new Probe(type + " to " + path, () -> (path.startsWith("/api/admin") ? admin : alice)
                        .post(path, type, "{\"kind\":\"spaceships\"}")));
            }
        }
        probes.add(new Probe("no content type", () -> alice.post("/api/imports", null, "{\"kind\":\"spaceships\"}")));
        List<byte[]> rawBodies = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {0, 0, 0, 0},
                "\uFEFF{\"kind\":\"spaceships\"}".getBytes(StandardCharsets.UTF_8),
                ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII),
                ("{\"content_length\":" + "9".repeat(10_000) + "}").getBytes(StandardCharsets.US_ASCII),
                "{\"kind\":\"spaceships\",\"kind\":\"customers\"".getBytes(StandardCharsets.US_ASCII),
                "{\"kind\":\"spaceships\"}{\"kind\":\"spaceships\"}".getBytes(StandardCharsets.US_ASCII),
                "'single quotes'".getBytes(StandardCharsets.US_ASCII), "null".getBytes(StandardCharsets.US_ASCII),
                "[]".getBytes(StandardCharsets.US_ASCII), "{\"kind\":\"x\\uD800\"}".getBytes(StandardCharsets.US_ASCII));
        for (byte[] raw : rawBodies) {
            for (String path : List.of("/api/imports", "/api/imports/rows")) {
                probes.add(new Probe("raw body to " + path, () -> alice.send(alice.request(path)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(raw)))));
            }
        }
        // a valid inline import padded past the 32 MB body limit, on a path spelled around the cap: never a job
        byte[] padded = JsonHttp.JSON.writeValueAsString(Fixtures.inlineBody()).getBytes(StandardCharsets.US_ASCII);
        byte[] overCap = java.util.Arrays.copyOf(padded, (32 << 20) + 1);
        java.util.Arrays.fill(overCap, padded.length, overCap.length, (byte) ' ');
        for (String path : List.of("/%61pi/imports/rows", "/api/%69mports/rows", "/%61pi/imports")) {
            probes.add(new Probe("32 MB and a byte streamed to " + path, () -> alice.send(alice.request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(overCap))))));
        }
        for (String method : List.of("PUT", "PATCH", "DELETE", "TRACE")) {
            for (String path : List.of("/api/imports", "/api/imports/" + ownJob, "/api/restaurants", "/api/templates")) {
                probes.add(new Probe(method + " " + path, () -> alice.send(alice.request(path)
                        .method(method, HttpRequest.BodyPublishers.noBody()))));
            }
        }

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long jobs = jobCount();
        for (Probe probe : probes) {
            JsonHttp.Response response = probe.send().get();
            if (jobCount() != jobs) {
                // the snapshot below would say that something changed; this says which request did it
                failures.add(probe.name() + " created a job: " + response.status() + " " + clip(response.body()));
                jobs = jobCount();
            }
            statuses.merge(response.status(), 1, Integer::sum);
            String body = response.body();
            if (response.status() >= 500) {
                failures.add(probe.name() + " -> " + response.status() + " " + clip(body));
            } else if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.postgresql")
                    || body.contains("SQLState") || body.contains("java.lang") || body.contains("springframework")) {
                failures.add(probe.name() + " leaks: " + clip(body));
            } else if (response.status() >= 400 && !body.isEmpty() && !String.valueOf(response.header("Content-Type"))
                    .startsWith("application/problem+json")) {
                failures.add(probe.name() + " -> " + response.status() + " is not a problem detail: "
                        + response.header("Content-Type"));
            } else if (String.valueOf(response.header("Content-Type")).startsWith("text/csv")
                    && formulaCell(body) != null) {
                failures.add(probe.name() + " answers a cell a spreadsheet runs: " + clip(formulaCell(body)));
            }
        }

        assertThat(probes.size()).isGreaterThanOrEqualTo(1_000);
        assertThat(failures).as("statuses %s", statuses).isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
        assertThat(snapshot()).as("the database after %d malformed requests", probes.size()).isEqualTo(before);
    }

    /** A finished file import of Alice's whose file's header, and its one refused row, are formulas. */
    private UUID formulaHeaderJob() {
        List<String> formulas = List.of("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx");
        UUID job = new Fixtures(jdbc).fileJob(TestUser.ALICE, formulas.toArray(String[]::new));
        jdbc.sql("""
                        INSERT INTO import_row_errors (job_id, row_number, line_number, column_name, code, message, raw_record)
                        VALUES (:job, 1, 2, NULL, 'MISSING_FIELDS', 'the record is short', :raw::jsonb)""")
                .param("job", job).param("raw", JsonHttp.JSON.writeValueAsString(formulas)).update();
        return job;
    }

    /** The first cell of a CSV that a spreadsheet would run as a formula, or null. */
    private static String formulaCell(String csv) {
        try (de.siegmar.fastcsv.reader.CsvReader<de.siegmar.fastcsv.reader.CsvRecord> reader =
                     de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(csv.replaceFirst("^\uFEFF", ""))) {
            for (de.siegmar.fastcsv.reader.CsvRecord record : reader) {
                for (String cell : record.getFields()) {
                    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                        return cell;
                    }
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A job of Alice's with this file uploaded, awaiting its start. */
    private static String uploaded(ApiHttp alice, byte[] file) {
        JsonHttp.Response created = alice.postJson("/api/imports", Map.of("kind", "restaurants", "file_name", "f.csv",
                "content_length", file.length));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        alice.putBytes(created.json().path("upload").path("url").asString(), file, Map.of());
        return created.json().path("job_id").asString();
    }

    /** {@code head}, then {@code unit} repeated to {@code bytes} of text, gzipped: a bomb, never held whole. */
    private static byte[] gzipped(String head, String unit, long bytes) {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped, 64 * 1024)) {
            gzip.write(head.getBytes(StandardCharsets.UTF_8));
            byte[] block = unit.repeat(Math.max(1, 65_536 / unit.length())).getBytes(StandardCharsets.UTF_8);
            for (long written = head.length(); written < bytes; written += block.length) {
                gzip.write(block);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    private static Map<String, Object> createBody(String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("kind", "spaceships", "file_name", "f.csv",
                "content_length", 10));
        if (field.equals("options.notify.email")) {
            body.put("options", Map.of("notify", java.util.Collections.singletonMap("email", value)));
        } else if (field.startsWith("options.")) {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put(field.substring("options.".length()), value);
            body.put("options", options);
        } else {
            body.put(field, value);
        }
        return body;
    }

    private long jobCount() {
        return jdbc.sql("SELECT count(*) FROM import_jobs").query(Long.class).single();
    }

    /** Every table's row count and a digest of its rows. */
    private Map<String, String> snapshot() {
        Map<String, String> tables = new TreeMap<>();
        for (String table : jdbc.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                          -- the rate limits' buckets count requests, malformed ones too: that is their job
                          AND table_name <> 'rate_limit_buckets'""").query(String.class).list()) {
            tables.put(table, jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)),"
                    + " '') FROM \"" + table + "\" t").query(String.class).single());
        }
        return tables;
    }

    private static boolean headerSafe(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !value.isBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String clip(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
