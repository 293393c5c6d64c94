package com.bulkimport.api.security;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.Fixtures;
import com.bulkimport.local.embedded.testkit.Multipart;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every kind of caller, with the exact status each must get, from one table. The
 * table is checked against the endpoints Spring MVC actually maps: an endpoint without a row fails
 * the test, so nothing new ships without its authorization decided. Someone else's import is 404,
 * never 403 and never its data; any broken credential is 401, even on public endpoints.
 */
class AuthorizationMatrixIntegrationTest extends ApiIntegrationTest {

    /** Who calls: alice owns the fixtures; carol shares her tenant; bob is another tenant's; the API key is acme's. */
    enum Who { OWNER, OTHER_USER, OTHER_TENANT, ADMIN, API_KEY, ANONYMOUS, EXPIRED, WRONG_ISSUER, WRONG_AUDIENCE,
        TAMPERED, UNKNOWN_KEY, NO_TENANT }

    /** One endpoint: how to make a fresh request for it, and the status for each well-formed caller. */
    record Row(String method, String pattern, Supplier<Call> call, int owner, int otherUser, int otherTenant, int admin,
               int apiKey, int anonymous) {
        String endpoint() {
            return method + " " + pattern;
        }

        int expected(Who who) {
            return switch (who) {
                case OWNER -> owner;
                case OTHER_USER -> otherUser;
                case OTHER_TENANT -> otherTenant;
                case ADMIN -> admin;
                case API_KEY -> apiKey;
                case ANONYMOUS -> anonymous;
                default -> 401;
            };
        }
    }

    /** A concrete request: path (with a fresh fixture's id) and body, if any: JSON, or a {@link Multipart} form. */
    record Call(String path, Object body) {
        static Call of(String path) {
            return new Call(path, null);
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Fixtures fixtures;
    private static String apiKey;
    private static long restaurant;
    private static long product;
    private static final String CUSTOMER = "matrix-customer";

    @BeforeEach
    void prepare() {
        fixtures = new Fixtures(jdbc);
        if (apiKey == null) {
            JsonHttp.Response key = http(TestUser.ADMIN).postJson("/api/admin/api-keys",
                    Map.of("tenant", "acme", "name", "matrix"));
            assertThat(key.status()).as(key.body()).isEqualTo(201);
            apiKey = key.json().path("key").asString();
            restaurant = fixtures.restaurant("acme", "matrix-1", "Matrix Diner", "Lisbon", "Portuguese");
            fixtures.customerWithPurchase("acme", CUSTOMER);
            product = fixtures.product("acme", "matrix-sku-" + UUID.randomUUID(), "Matrix Tea");
        }
    }

    private List<Row> table() {
        ApiHttp alice = http(TestUser.ALICE);
        Supplier<Call> ownJob = () -> Call.of("/api/imports/" + fixtures.job(TestUser.ALICE, "AWAITING_UPLOAD"));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("POST", "/api/imports", () -> new Call("/api/imports", Fixtures.createBody()),
                201, 201, 201, 201, 403, 401));
        rows.add(new Row("POST", "/api/imports/rows", () -> new Call("/api/imports/rows", Fixtures.inlineBody()),
                201, 201, 201, 201, 403, 401));
        rows.add(new Row("GET", "/api/imports", () -> Call.of("/api/imports"), 200, 200, 200, 200, 403, 401));
        rows.add(new Row("GET", "/api/imports/{id}", ownJob, 200, 404, 404, 200, 403, 401));
        rows.add(new Row("PATCH", "/api/imports/{id}", () -> new Call(ownJob.get().path(), Map.of("mode", "DRY_RUN")),
                200, 404, 404, 200, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/start",
                () -> Call.of("/api/imports/" + Fixtures.uploadedJob(alice) + "/start"), 202, 404, 404, 202, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/confirm",
                () -> Call.of("/api/imports/" + fixtures.job(TestUser.ALICE, "PREVIEW_READY") + "/confirm"),
                202, 404, 404, 202, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/cancel", () -> Call.of(ownJob.get().path() + "/cancel"),
                202, 404, 404, 202, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/pause",
                () -> Call.of("/api/imports/" + fixtures.job(TestUser.ALICE, "APPLYING") + "/pause"),
                202, 404, 404, 202, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/resume",
                () -> Call.of("/api/imports/" + fixtures.job(TestUser.ALICE, "PAUSED") + "/resume"),
                202, 404, 404, 202, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/retry",
                () -> Call.of("/api/imports/" + fixtures.job(TestUser.ALICE, "FAILED") + "/retry"),
                202, 404, 404, 202, 403, 401));
        // a multipart upload's listing, part URLs and completion: the job's owner (and admins) only
        rows.add(new Row("GET", "/api/imports/{id}/upload",
                () -> Call.of("/api/imports/" + Fixtures.multipartJob(alice, false) + "/upload"), 200, 404, 404, 200, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/upload/parts",
                () -> new Call("/api/imports/" + Fixtures.multipartJob(alice, false) + "/upload/parts",
                        Map.of("part_numbers", List.of(1))), 200, 404, 404, 200, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/upload/complete",
                () -> Call.of("/api/imports/" + Fixtures.multipartJob(alice, true) + "/upload/complete"),
                200, 404, 404, 200, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/revert",
                () -> Call.of("/api/imports/" + fixtures.revertibleJob(TestUser.ALICE, 1) + "/revert"),
                202, 404, 404, 202, 403, 401));
        rows.add(new Row("GET", "/api/imports/{id}/sample",
                () -> Call.of("/api/imports/" + Fixtures.uploadedJob(alice) + "/sample"), 200, 404, 404, 200, 403, 401));
        rows.add(new Row("GET", "/api/imports/{id}/errors", () -> Call.of(ownJob.get().path() + "/errors"),
                200, 404, 404, 200, 403, 401));
        rows.add(new Row("GET", "/api/imports/{id}/errors.csv", () -> Call.of(ownJob.get().path() + "/errors.csv"),
                200, 404, 404, 200, 403, 401));
        // the review step: a preview's problems and its corrections, the job's owner (and admins) only
        rows.add(new Row("GET", "/api/imports/{id}/problems", () -> Call.of(ownJob.get().path() + "/problems"),
                200, 404, 404, 200, 403, 401));
        rows.add(new Row("POST", "/api/imports/{id}/corrections",
                () -> new Call("/api/imports/" + fixtures.job(TestUser.ALICE, "PREVIEW_READY") + "/corrections",
                        Map.of("operations", List.of(Map.of("skip", "rows_with_errors")))),
                200, 404, 404, 200, 403, 401));
        // the purchase-import seed's endpoints: the same ownership as the job API's
        rows.add(new Row("POST", "/api/import/purchases",
                () -> new Call("/api/import/purchases", Fixtures.purchaseForm("matrix-store")),
                202, 202, 202, 202, 403, 401));
        rows.add(new Row("GET", "/api/import/status/{batch_id}",
                () -> Call.of("/api/import/status/" + Fixtures.purchaseJob(alice, "matrix-store")),
                200, 404, 404, 200, 403, 401));
        rows.add(new Row("GET", "/api/import/list/{merchant_id}", () -> Call.of("/api/import/list/matrix-store"),
                200, 200, 200, 200, 403, 401));
        rows.add(new Row("GET", "/api/templates", () -> Call.of("/api/templates"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/api/templates/{kind}", () -> Call.of("/api/templates/products"),
                200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/api/templates/{kind}.csv", () -> Call.of("/api/templates/products.csv"),
                200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/api/templates/{kind}.xlsx", () -> Call.of("/api/templates/products.xlsx"),
                200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/api/auth/config", () -> Call.of("/api/auth/config"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/api/restaurants", () -> Call.of("/api/restaurants"), 200, 200, 200, 200, 200, 401));
        rows.add(new Row("GET", "/api/restaurants/{id}", () -> Call.of("/api/restaurants/" + restaurant),
                200, 200, 404, 404, 200, 401));
        rows.add(new Row("GET", "/api/restaurants/{id}/menu", () -> Call.of("/api/restaurants/" + restaurant + "/menu"),
                200, 200, 404, 404, 200, 401));
        rows.add(new Row("GET", "/api/restaurants/{id}/reviews",
                () -> Call.of("/api/restaurants/" + restaurant + "/reviews"), 200, 200, 404, 404, 200, 401));
        rows.add(new Row("GET", "/api/products", () -> Call.of("/api/products?q=tea"), 200, 200, 200, 200, 200, 401));
        rows.add(new Row("GET", "/api/products/{id}/inventory",
                () -> Call.of("/api/products/" + product + "/inventory"), 200, 200, 404, 404, 200, 401));
        rows.add(new Row("GET", "/api/customers/{ref}/purchases",
                () -> Call.of("/api/customers/" + CUSTOMER + "/purchases"), 200, 200, 404, 404, 200, 401));
        rows.add(new Row("POST", "/api/admin/api-keys",
                () -> new Call("/api/admin/api-keys", Map.of("tenant", "acme", "name", "matrix key")),
                403, 403, 403, 201, 403, 401));
        rows.add(new Row("GET", "/api/admin/api-keys", () -> Call.of("/api/admin/api-keys"), 403, 403, 403, 200, 403, 401));
        rows.add(new Row("DELETE", "/api/admin/api-keys/{id}", () -> Call.of("/api/admin/api-keys/"
                + http(TestUser.ADMIN).postJson("/api/admin/api-keys", Map.of("tenant", "acme", "name", "doomed"))
                .json().path("id").asString()), 403, 403, 403, 204, 403, 401));
        // named mappings belong to a tenant: every user of it; another tenant's (the admin's is "ops") are not found
        Supplier<String> ownMapping = () -> fixtures.mapping("acme", "alice");
        rows.add(new Row("POST", "/api/mappings", () -> new Call("/api/mappings", Map.of("name",
                "matrix " + java.util.UUID.randomUUID(), "kind", "products", "mapping", Map.of("Title", "name"))),
                201, 201, 201, 201, 403, 401));
        rows.add(new Row("GET", "/api/mappings", () -> Call.of("/api/mappings?kind=products"),
                200, 200, 200, 200, 403, 401));
        rows.add(new Row("GET", "/api/mappings/{ref}", () -> Call.of("/api/mappings/" + ownMapping.get()),
                200, 200, 404, 404, 403, 401));
        rows.add(new Row("DELETE", "/api/mappings/{ref}", () -> Call.of("/api/mappings/" + ownMapping.get()),
                204, 204, 404, 404, 403, 401));
        // webhooks belong to a tenant: every user of it (alice, carol) and admins; another tenant's are not found
        Supplier<String> ownWebhook = () -> fixtures.webhook("acme", "alice");
        rows.add(new Row("POST", "/api/webhooks", () -> {
            fixtures.clearWebhookFixtures();
            return new Call("/api/webhooks", Map.of("url", Fixtures.WEBHOOK_URL, "event_types", List.of("RESTAURANT_*"),
                    "description", "matrix"));
        }, 201, 201, 201, 201, 403, 401));
        rows.add(new Row("GET", "/api/webhooks", () -> Call.of("/api/webhooks"), 200, 200, 200, 200, 403, 401));
        rows.add(new Row("GET", "/api/webhooks/{id}", () -> Call.of("/api/webhooks/" + ownWebhook.get()),
                200, 200, 404, 200, 403, 401));
        rows.add(new Row("PATCH", "/api/webhooks/{id}", () -> new Call("/api/webhooks/" + ownWebhook.get(),
                Map.of("description", "fixture")), 200, 200, 404, 200, 403, 401));
        rows.add(new Row("DELETE", "/api/webhooks/{id}", () -> Call.of("/api/webhooks/" + ownWebhook.get()),
                204, 204, 404, 204, 403, 401));
        rows.add(new Row("POST", "/api/webhooks/{id}/test", () -> Call.of("/api/webhooks/" + ownWebhook.get() + "/test"),
                202, 202, 404, 202, 403, 401));
        rows.add(new Row("POST", "/api/webhooks/{id}/rotate-secret",
                () -> Call.of("/api/webhooks/" + ownWebhook.get() + "/rotate-secret"), 200, 200, 404, 200, 403, 401));
        rows.add(new Row("GET", "/api/webhooks/{id}/deliveries",
                () -> Call.of("/api/webhooks/" + ownWebhook.get() + "/deliveries"), 200, 200, 404, 200, 403, 401));
        rows.add(new Row("GET", "/api/webhooks/{id}/deliveries/{deliveryId}/attempts", () -> {
            String webhook = ownWebhook.get();
            return Call.of("/api/webhooks/" + webhook + "/deliveries/" + fixtures.delivery(webhook) + "/attempts");
        }, 200, 200, 404, 200, 403, 401));
        rows.add(new Row("POST", "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver", () -> {
            String webhook = ownWebhook.get();
            return Call.of("/api/webhooks/" + webhook + "/deliveries/" + fixtures.delivery(webhook) + "/redeliver");
        }, 202, 202, 404, 202, 403, 401));
        rows.add(new Row("GET", "/api/me/notifications", () -> Call.of("/api/me/notifications"),
                200, 200, 200, 200, 403, 401));
        rows.add(new Row("PUT", "/api/me/notifications", () -> new Call("/api/me/notifications",
                Map.of("email", List.of())), 200, 200, 200, 200, 403, 401));
        // public: the error endpoint (not found when asked for directly), the OpenAPI document and Swagger UI
        // the operations pages' gateway: admins only; this API was told no relay or worker address (503)
        String event = "/api/admin/outbox/events/" + java.util.UUID.randomUUID();
        rows.add(new Row("GET", "/api/admin/outbox/events", () -> Call.of("/api/admin/outbox/events?status=DEAD"),
                403, 403, 403, 503, 403, 401));
        rows.add(new Row("GET", "/api/admin/outbox/events/{id}", () -> Call.of(event), 403, 403, 403, 503, 403, 401));
        rows.add(new Row("POST", "/api/admin/outbox/events/{id}/replay",
                () -> new Call(event + "/replay", Map.of("note", "matrix")), 403, 403, 403, 503, 403, 401));
        rows.add(new Row("POST", "/api/admin/outbox/events/replay",
                () -> new Call("/api/admin/outbox/events/replay", Map.of("note", "matrix")), 403, 403, 403, 503, 403, 401));
        rows.add(new Row("GET", "/api/admin/dead-letters", () -> Call.of("/api/admin/dead-letters"),
                403, 403, 403, 503, 403, 401));
        rows.add(new Row("POST", "/api/admin/dead-letters/{id}/redrive",
                () -> Call.of("/api/admin/dead-letters/" + java.util.UUID.randomUUID() + "/redrive"),
                403, 403, 403, 503, 403, 401));
        rows.add(new Row("ANY", "/error", () -> Call.of("/error"), 404, 404, 404, 404, 404, 404));
        rows.add(new Row("GET", "/v3/api-docs", () -> Call.of("/v3/api-docs"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/v3/api-docs.yaml", () -> Call.of("/v3/api-docs.yaml"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/v3/api-docs/swagger-config", () -> Call.of("/v3/api-docs/swagger-config"),
                200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/swagger-ui.html", () -> Call.of("/swagger-ui.html"), 302, 302, 302, 302, 302, 302));
        return rows;
    }

    @Test
    void everyMappedEndpointHasARowAndEveryRowAnEndpoint() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            if (methods.isEmpty()) {
                methods.add("ANY");
            }
            info.getPatternValues().forEach(pattern -> methods.forEach(method -> mapped.add(method + " " + pattern)));
        });
        Set<String> rows = new TreeSet<>();
        table().forEach(row -> rows.add(row.endpoint()));

        Set<String> withoutRow = new TreeSet<>(mapped);
        withoutRow.removeAll(rows);
        Set<String> withoutEndpoint = new TreeSet<>(rows);
        withoutEndpoint.removeAll(mapped);
        assertThat(withoutRow).as("endpoints without a row in the authorization matrix").isEmpty();
        assertThat(withoutEndpoint).as("rows for endpoints that do not exist").isEmpty();
    }

    @Test
    void everyCallerGetsExactlyTheStatusTheTableSays() {
        Map<Who, ApiHttp> callers = callers();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : table()) {
            for (Who who : Who.values()) {
                Call call = row.call().get();
                JsonHttp.Response response = send(callers.get(who), row.method(), call);
                cells++;
                if (response.status() != row.expected(who)) {
                    wrong.add(row.endpoint() + " as " + who + ": expected " + row.expected(who) + ", got "
                            + response.status() + " " + clip(response.body()));
                }
                if (response.status() == 404 && row.pattern().contains("{")) {
                    // a hidden resource says nothing of itself: the body is a problem detail, not the data
                    assertThat(response.header("Content-Type")).as(row.endpoint()).startsWith("application/problem+json");
                    assertThat(response.body()).as(row.endpoint()).doesNotContain("\"status\":\"");
                }
            }
        }
        assertThat(wrong).as("cells that differ from the table (of %d)", cells).isEmpty();
        assertThat(cells).isEqualTo(table().size() * Who.values().length);
    }

    private Map<Who, ApiHttp> callers() {
        Map<Who, ApiHttp> callers = new EnumMap<>(Who.class);
        callers.put(Who.OWNER, http(TestUser.ALICE));
        callers.put(Who.OTHER_USER, http(TestUser.CAROL));
        callers.put(Who.OTHER_TENANT, http(TestUser.BOB));
        callers.put(Who.ADMIN, http(TestUser.ADMIN));
        callers.put(Who.API_KEY, anonymous().with("X-Api-Key", apiKey));
        callers.put(Who.ANONYMOUS, anonymous());
        callers.put(Who.EXPIRED, ApiHttp.bearer(baseUrl(), ISSUER.expired(TestUser.ALICE)));
        callers.put(Who.WRONG_ISSUER, ApiHttp.bearer(baseUrl(), ISSUER.wrongIssuer(TestUser.ALICE)));
        callers.put(Who.WRONG_AUDIENCE, ApiHttp.bearer(baseUrl(), ISSUER.wrongAudience(TestUser.ALICE)));
        callers.put(Who.TAMPERED, ApiHttp.bearer(baseUrl(), ISSUER.tampered(TestUser.ALICE)));
        callers.put(Who.UNKNOWN_KEY, ApiHttp.bearer(baseUrl(), ISSUER.unknownKey(TestUser.ALICE)));
        callers.put(Who.NO_TENANT, ApiHttp.bearer(baseUrl(), ISSUER.withoutTenant(TestUser.ALICE)));
        return callers;
    }

    private static JsonHttp.Response send(ApiHttp http, String method, Call call) {
        HttpRequest.Builder request = http.request(call.path());
        String verb = method.equals("ANY") ? "GET" : method;
        if (call.body() instanceof Multipart form) {
            request.header("Content-Type", form.contentType()).method(verb,
                    HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
        } else if (call.body() != null) {
            request.header("Content-Type", "application/json").method(verb,
                    HttpRequest.BodyPublishers.ofString(JsonHttp.JSON.writeValueAsString(call.body())));
        } else {
            request.method(verb, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request);
    }

    private static String clip(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

}
